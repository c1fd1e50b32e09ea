"""Every key records where its value came from: environment, config file, or default."""

from pathlib import Path

from storeroom.settings import load_settings
from tests.conftest import Client


async def test_a_value_from_the_config_file_is_used(
    make_settings, anonymous_factory, tmp_path: Path
) -> None:
    config = tmp_path / "storeroom.toml"
    config.write_text('instance_name = "from-file"\n')
    client: Client = await anonymous_factory(make_settings(config_file=str(config)))
    assert (await client.get("/api/")).json()["instance"] == "from-file"


def test_environment_wins_over_the_file_and_both_are_recorded(tmp_path: Path) -> None:
    config = tmp_path / "storeroom.toml"
    config.write_text('instance_name = "from-file"\nlog_level = "DEBUG"\n')
    settings = load_settings(
        environ={"STOREROOM_CONFIG_FILE": str(config), "STOREROOM_LOG_LEVEL": "ERROR"}
    )
    sources = {access.key: access.source for access in settings.accesses}
    assert (settings.instance_name, settings.log_level) == ("from-file", "ERROR")
    assert (sources["instance_name"], sources["log_level"], sources["smtp_host"]) == (
        "file",
        "env",
        "default",
    )
