"""The house's layers hold: each module imports only its own layer or those below it,
no import circle exists, and no project import hides inside a function.

docs/architecture.md draws the same layers. Imports are read from the source, those
inside functions included; only `AppConfig.ready` may import inside a function.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("articles", "newsroom")

# Lowest first. A module belongs to the layer of its longest matching prefix.
LAYERS = [
    (
        "foundations",
        [
            "articles",
            "articles.absolute",
            "articles.converters",
            "articles.db_operations",
            "articles.demo",
            "articles.images",
            "articles.images.crops",
            "articles.images.files",
            "articles.outbound",
            "articles.moments",
            "articles.relative_times",
            "articles.time_bounds",
            "articles.reversing",
            "articles.sanitize",
            "articles.static_files",
            "newsroom",
            "newsroom.caches",
            "newsroom.client_ip",
            "newsroom.csp",
            "newsroom.database",
            "newsroom.env",
            "newsroom.log_filters",
            "newsroom.login_throttle",
            "newsroom.routers",
            "newsroom.storage",
            "newsroom.tuning",
        ],
    ),
    ("models", ["articles.models"]),
    (
        "domain",
        [
            "articles.checks",
            "articles.credits",
            "articles.feed_formats",
            "articles.images.picture",
            "articles.images.validation",
            "articles.intake",
            "articles.pagination",
            "articles.revisions",
            "articles.rights",
            "articles.search",
            "articles.search_index",
            "articles.search_query",
            "articles.search_snippets",
            "articles.search_text",
            "articles.structured_data",
            "articles.subjects",
        ],
    ),
    ("cache", ["articles.cache"]),
    (
        "reading",
        [
            "articles.lineup",
            "articles.rail",
            "articles.related",
            "articles.related_lines",
            "articles.serialize",
        ],
    ),
    (
        "services",
        ["articles.services", "articles.images.renditions", "articles.images.tasks"],
    ),
    (
        "surfaces",
        [
            "articles.admin",
            "articles.api",
            "articles.apps",
            "articles.desk",
            "articles.feeds",
            "articles.forms",
            "articles.management",
            "articles.preview",
            "articles.sitemaps",
            "articles.templatetags",
            "articles.urls",
            "articles.views",
        ],
    ),
    ("site", ["newsroom.settings", "newsroom"]),
]
# newsroom's own modules above the foundations: the site's wiring.
SITE_MODULES = {
    "newsroom.asgi",
    "newsroom.context_processors",
    "newsroom.middleware",
    "newsroom.request_guards",
    "newsroom.settings",
    "newsroom.urls",
    "newsroom.views",
    "newsroom.wsgi",
}


def modules():
    """{dotted name: path} of every project module but migrations."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts).removesuffix(".__init__")
            found[name] = path
    return found


def layer_of(name):
    if name in SITE_MODULES:
        return len(LAYERS) - 1
    best, depth = None, -1
    for index, (_, prefixes) in enumerate(LAYERS[:-1]):
        for prefix in prefixes:
            matches = name == prefix or name.startswith(prefix + ".")
            if matches and len(prefix) > depth:
                best, depth = index, len(prefix)
    return best


def imports(name, path, known):
    """[(imported module, line, inside a function other than ready())]."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    in_function, in_ready = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = {id(child) for child in ast.walk(node)} - {id(node)}
            (in_ready if node.name == "ready" else in_function).update(inner)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(node.level - 1, 0)):
                base = base.rpartition(".")[0]
            module = node.module or ""
            full = f"{base}.{module}".strip(".") if node.level else module
            # `from . import x` imports the package itself as well as x.
            targets = [full] + [f"{full}.{alias.name}" for alias in node.names]
        else:
            continue
        reached = set()
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target not in reached:
                reached.add(target)
                if id(node) not in in_ready:
                    found.append((target, node.lineno, id(node) in in_function))
    return found


@pytest.fixture(scope="module")
def graph():
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_has_a_layer():
    """A new module is placed in a layer before it can import anything."""
    assert [name for name in modules() if layer_of(name) is None] == []


def test_no_module_imports_a_layer_above_its_own(graph):
    """Models know nothing of services, the cache or pages; services know nothing of
    views or the admin; and so on up (docs/architecture.md)."""
    upward = [
        f"{name}:{line} imports {target} ({LAYERS[layer_of(target)][0]})"
        for name, found in graph.items()
        for target, line, _ in found
        if layer_of(target) > layer_of(name)
    ]
    assert upward == []


def test_no_project_import_hides_inside_a_function(graph):
    """An import inside a function is how a circle hides; only ready() may."""
    hidden = [
        f"{name}:{line} imports {target}"
        for name, found in graph.items()
        for target, line, inside in found
        if inside
    ]
    assert hidden == []


def test_no_import_circle(graph):
    """No module reaches itself through imports, those inside functions counted."""
    edges = {name: {target for target, _, _ in found} for name, found in graph.items()}
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    assert circles == []


def test_the_contract_catches_a_hidden_upward_import(tmp_path):
    """The check itself works: a model importing a service inside a function is
    reported as both hidden and upward."""
    path = tmp_path / "stories.py"
    path.write_text("def f():\n    from ...services import stories\n")
    known = {"articles.models.x.stories": path, "articles.services.stories": path}
    found = imports("articles.models.x.stories", path, known)
    assert found == [("articles.services.stories", 2, True)]
    assert layer_of("articles.services.stories") > layer_of("articles.models.x")
