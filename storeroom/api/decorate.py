"""How a chosen page's computed fields are read: each distinct subquery once, names by join.

A resource's computed fields are SQL expressions over its table (`Field.expression`), many of
them built from the same parts: a part's `in_stock` is also the first term of `total_in_stock`
and `unallocated_stock`, and `category_name` is a subquery per row where a join would do. The
decorated page is therefore read in two steps, both over the page's rows only:

- `decorated`, a materialized CTE, evaluates each distinct *atom* once per row: a correlated
  subquery (or EXISTS, or IN over a subquery), the plain columns the fields read, the page's sort
  keys. Two atoms are the same when they compile to the same SQL with the same values. An atom
  that reads one column of the row a foreign key points to (`SELECT c.name FROM partcategory c
  WHERE c.id = part.category`, following to-one hops if any) becomes a LEFT JOIN on that primary
  key instead, each path joined once: the same answer (NULL when a hop is missing).
- the outer select computes each field from `decorated`'s columns, in the page's order.

The analysis runs once per resource (`Decoration`); each query shape only wraps its page in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.sql import elements, operators, selectable, visitors

CTE_NAME = "decorated"
# Functions that evaluate their later arguments only when needed.
LAZY_FUNCTIONS = frozenset({"coalesce", "ifnull", "nullif"})

# A path of to-one hops from the resource's row: ((column followed, table reached), ...).
Path = tuple[tuple[str, str], ...]


@dataclass
class Decoration:
    """The atoms of one resource's readable columns and the fields rebuilt over them."""

    owner: sa.Table
    dialect: sa.Dialect
    # Stands for the CTE in the outer select (same name): its columns are the CTE's labels.
    placeholder: sa.TableClause = field(default_factory=lambda: sa.table(CTE_NAME))
    # CTE column label -> expression over the owner table and the joined aliases.
    atoms: dict[str, sa.ColumnElement[Any]] = field(default_factory=dict)
    # LEFT JOINs of the CTE, in order: (alias, ON clause).
    joins: list[tuple[sa.FromClause, sa.ColumnElement[bool]]] = field(default_factory=list)
    # The readable columns, over the placeholder.
    fields: list[sa.ColumnElement[Any]] = field(default_factory=list)
    _by_key: dict[Any, str] = field(default_factory=dict)
    _paths: dict[Path, sa.FromClause] = field(default_factory=dict)

    @classmethod
    def of(
        cls, owner: sa.Table, columns: list[sa.ColumnElement[Any]], dialect: sa.Dialect
    ) -> Decoration:
        decoration = cls(owner, dialect)
        decoration.fields = [decoration._rebuild(column) for column in columns]
        return decoration

    def select(
        self,
        page: sa.Subquery,
        sort_labels: list[str],
        descending: list[bool],
        *extra: sa.ColumnElement[Any],
    ) -> sa.Select[Any]:
        """The decorated page: `page` has `id` and the sort keys `sort_labels`; `descending`
        says for each key, then for the id, whether it descends."""
        source: sa.FromClause = page.join(self.owner, self.owner.c.id == page.c.id)
        for alias, onclause in self.joins:
            source = source.outerjoin(alias, onclause)
        body = sa.select(
            page.c.id.label("page_id"),
            *(page.c[label].label(label) for label in sort_labels),
            *(expression.label(label) for label, expression in self.atoms.items()),
        ).select_from(source)
        cte = body.cte(CTE_NAME).prefix_with("MATERIALIZED")
        order = [
            self._key(label).desc() if down else self._key(label).asc()
            for label, down in zip([*sort_labels, "page_id"], descending, strict=True)
        ]
        return (
            sa.select(*self.fields, *extra)
            .select_from(self.placeholder)
            .add_cte(cte)
            .order_by(*order)
        )

    def _key(self, label: str) -> sa.ColumnClause[Any]:
        if label not in self.placeholder.c:
            self.placeholder.append_column(sa.column(label))
        return self.placeholder.c[label]

    # The analysis.

    def _column(self, label: str, expression: sa.ColumnElement[Any]) -> sa.ColumnClause[Any]:
        """The placeholder's column that reads `label` of the CTE, typed as its expression."""
        if label not in self.placeholder.c:
            self.atoms[label] = expression
            self.placeholder.append_column(sa.column(label, expression.type))
        return self.placeholder.c[label]

    def _rebuild(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        """`column` over the CTE: each atom and each of the owner's columns replaced by the CTE
        column that holds it; a column the analysis cannot split is one atom as a whole."""
        atoms: dict[int, sa.ColumnElement[Any]] = {}
        if not self._find_atoms(column, atoms):
            inner = column.element if isinstance(column, elements.Label) else column
            whole = self._atom(inner)
            return whole.label(column.name) if isinstance(column, elements.Label) else whole

        def replace(element: Any, **_: Any) -> Any:
            if id(element) in atoms:
                return atoms[id(element)]
            if isinstance(element, sa.Column) and element.table is self.owner:
                return self._column(f"o_{element.key}", element)
            return None

        options: dict[str, Any] = {}
        rebuilt: sa.ColumnElement[Any] = visitors.replacement_traverse(column, options, replace)
        return rebuilt

    def _find_atoms(self, element: Any, atoms: dict[int, sa.ColumnElement[Any]]) -> bool:
        """Fills `atoms` (an element's id -> its CTE column); False when `element` holds what
        the outer select cannot read from the CTE (another table's column, a FROM)."""
        if is_atom(element) or self._is_lazy(element):
            atoms[id(element)] = self._atom(element)
            return True
        if isinstance(element, sa.Column):
            return element.table is self.owner
        if isinstance(element, sa.sql.functions.FunctionElement):
            # A function is a FROM too (a table-valued one); as a column, its arguments count.
            return self._find_atoms(element.clause_expr, atoms)
        if isinstance(element, selectable.FromClause | selectable.SelectBase):
            return False
        return all(self._find_atoms(child, atoms) for child in element.get_children())

    def _is_lazy(self, element: Any) -> bool:
        """A CASE or COALESCE over a subquery other than a to-one lookup: kept whole, so that
        the database still evaluates a branch (an argument) only when it is reached."""
        conditional = isinstance(element, elements.Case) or (
            isinstance(element, sa.sql.functions.FunctionElement)
            and getattr(element, "name", "").lower() in LAZY_FUNCTIONS
        )
        return conditional and any(
            is_atom(inner) and to_one(inner, self.owner) is None
            for inner in visitors.iterate(element)
        )

    def _atom(self, element: sa.ColumnElement[Any]) -> sa.ColumnClause[Any]:
        joined = self._joined(element)
        compiled = element.compile(dialect=self.dialect)
        key = (str(compiled), repr(sorted(compiled.params.items(), key=lambda item: item[0])))
        label = self._by_key.get(key)
        if label is None:
            label = self._by_key[key] = f"a_{len(self._by_key)}"
        return self._column(label, joined if joined is not None else element)

    def _joined(self, element: sa.ColumnElement[Any]) -> sa.ColumnElement[Any] | None:
        """The column of a LEFT JOINed alias that answers `element`, when it is a to-one
        lookup (see `to_one`)."""
        found = to_one(element, self.owner)
        if found is None:
            return None
        path, column = found
        for length in range(1, len(path) + 1):
            prefix = path[:length]
            if prefix in self._paths:
                continue
            column_name, table_name = prefix[-1]
            parent = self.owner if length == 1 else self._paths[prefix[:-1]]
            target = self.owner.metadata.tables[table_name].alias(f"join_{len(self._paths)}")
            self._paths[prefix] = target
            self.joins.append((target, target.c.id == parent.c[column_name]))
        return self._paths[path].c[column]


def is_atom(element: Any) -> bool:
    """A subquery evaluated as a unit: a scalar subquery, EXISTS, or IN over a subquery."""
    if isinstance(element, selectable.ScalarSelect | selectable.Exists):
        return True
    if isinstance(element, elements.BinaryExpression) and element.operator in (
        operators.in_op,
        operators.not_in_op,
    ):
        return any(
            isinstance(inner, selectable.SelectBase | selectable.ScalarSelect)
            for inner in visitors.iterate(element)
        )
    return False


def to_one(element: Any, owner: sa.Table) -> tuple[Path, str] | None:
    """(path, column) when `element` is `(SELECT t.column FROM ... WHERE ...)` that reads one
    column of the row reached from `owner` by following foreign keys to primary keys, every
    table of the subquery on that path: `SELECT c.name FROM partcategory c WHERE c.id =
    part.category`, or with inner joins `t2.id = t1.column`. Such a subquery and a chain of LEFT
    JOINs answer alike: the value, or NULL when a hop finds no row."""
    if not isinstance(element, selectable.ScalarSelect):
        return None
    select = element.element
    if not isinstance(select, sa.Select) or _is_shaped(select):
        return None
    columns = list(select.selected_columns)
    if len(columns) != 1 or not isinstance(columns[0], sa.Column):
        return None
    wanted = columns[0]
    # The owner is correlated away in the enclosing select.
    froms = [source for source in select.get_final_froms() if source is not owner]
    if len(froms) != 1:
        return None
    tables: list[sa.FromClause] = []
    edges: list[sa.ColumnElement[Any]] = list(select._where_criteria)
    if not _flatten(froms[0], tables, edges):
        return None
    # child table -> (parent table or owner, column of the parent followed)
    parents: dict[sa.FromClause, tuple[sa.FromClause, str]] = {}
    for edge in edges:
        link = _link(edge, owner, tables)
        if link is None or link[0] in parents:
            return None
        parents[link[0]] = link[1]
    if set(parents) != set(tables) or wanted.table not in parents:
        return None
    path: list[tuple[str, str]] = []
    current: sa.FromClause = wanted.table
    seen: set[sa.FromClause] = set()
    while current is not owner:
        if current in seen:
            return None
        seen.add(current)
        parent, column_name = parents[current]
        path.append((column_name, _base(current).key))
        current = parent
    if seen != set(tables):
        return None
    return tuple(reversed(path)), wanted.key


def _is_shaped(select: sa.Select[Any]) -> bool:
    """Whether a select groups, orders, limits, or is distinct (not a plain lookup)."""
    return bool(
        select._group_by_clauses
        or select._having_criteria
        or select._order_by_clauses
        or select._limit_clause is not None
        or select._offset_clause is not None
        or select._fetch_clause is not None
        or select._distinct
        or select._correlate
        or select._correlate_except
    )


def _flatten(source: Any, tables: list[sa.FromClause], edges: list[sa.ColumnElement[Any]]) -> bool:
    """The tables of a FROM of plain tables and inner joins, and the joins' conditions."""
    if isinstance(source, sa.Join):
        if source.isouter or source.full or source.onclause is None:
            return False
        edges.append(source.onclause)
        return _flatten(source.left, tables, edges) and _flatten(source.right, tables, edges)
    if isinstance(source, sa.Table) or (
        isinstance(source, sa.Alias) and isinstance(source.element, sa.Table)
    ):
        if source in tables:
            return False
        tables.append(source)
        return True
    return False


def _base(source: sa.FromClause) -> sa.Table:
    # `_flatten` lets only tables and aliases of tables in.
    return cast(sa.Table, source.element if isinstance(source, sa.Alias) else source)


def _link(
    edge: Any, owner: sa.Table, tables: list[sa.FromClause]
) -> tuple[sa.FromClause, tuple[sa.FromClause, str]] | None:
    """(child, (parent, column)) when `edge` is `child.id = parent.column`, `child` one of
    `tables` and `id` its whole primary key; `parent` is another of them or the owner."""
    if not isinstance(edge, elements.BinaryExpression) or edge.operator is not operators.eq:
        return None
    for key, other in ((edge.left, edge.right), (edge.right, edge.left)):
        if not (isinstance(key, sa.Column) and isinstance(other, sa.Column)):
            continue
        child = key.table
        if child not in tables or key.key != "id":
            continue
        primary = list(_base(child).primary_key.columns)
        if [column.key for column in primary] != ["id"]:
            continue
        if other.table is owner or (other.table in tables and other.table is not child):
            return child, (other.table, other.key)
    return None
