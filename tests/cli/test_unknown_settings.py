"""A STOREROOM_* variable or config file key that is no setting is warned about, naming the
closest setting, instead of being ignored in silence."""

from __future__ import annotations

from pathlib import Path

from tests.cli.command import run_storeroom


def data(tmp_path: Path, **variables: str) -> dict[str, str]:
    return {"STOREROOM_DATA_DIR": str(tmp_path / "data"), **variables}


def test_an_unknown_variable_is_warned_with_the_closest_setting(tmp_path: Path) -> None:
    done = run_storeroom(data(tmp_path, STOREROOM_IDENTITY_HEADER="true"), "check")
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "storeroom: warning: STOREROOM_IDENTITY_HEADER is not a setting and is ignored; "
        "did you mean STOREROOM_IDENTITY_HEADER_ENABLED?"
    ]


def test_an_unknown_variable_like_no_setting_is_warned_without_a_guess(tmp_path: Path) -> None:
    done = run_storeroom(data(tmp_path, STOREROOM_ZZZZ="1"), "check")
    assert done.stderr.splitlines() == [
        "storeroom: warning: STOREROOM_ZZZZ is not a setting and is ignored"
    ]


def test_an_unknown_config_file_key_is_warned_with_the_closest_setting(tmp_path: Path) -> None:
    config = tmp_path / "storeroom.toml"
    config.write_text('log_level = "WARNING"\nmax_body_sise = 1000\n')
    done = run_storeroom(data(tmp_path, STOREROOM_CONFIG_FILE=str(config)), "check")
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        f"storeroom: warning: max_body_sise in {config} is not a setting and is ignored; "
        "did you mean max_body_size?"
    ]


def test_the_test_suites_variables_are_not_warned_about(tmp_path: Path) -> None:
    variables = data(
        tmp_path,
        STOREROOM_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1/postgres",
        STOREROOM_TEST_REDIS_URL="redis://127.0.0.1:6379/0",
    )
    done = run_storeroom(variables, "check")
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


def test_serve_warns_before_it_starts(tmp_path: Path) -> None:
    # The port is refused, so the command stops right after its warnings.
    variables = data(tmp_path, STOREROOM_ADMIN_USERNAME="boss")
    done = run_storeroom(variables, "serve", "--host", "no-such-host.invalid")
    assert done.stderr.splitlines()[0] == (
        "storeroom: warning: STOREROOM_ADMIN_USERNAME is not a setting and is ignored; "
        "did you mean STOREROOM_ADMIN_USER?"
    )
    assert done.returncode == 2
