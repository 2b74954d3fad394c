"""Dependencies run one way: domain apps use `ikpe_site.core`, core imports no domain app, and no modules import
each other in a circle (also not through imports hidden inside functions)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = {
    "editorial",
    "events",
    "news",
    "newsletter",
    "people",
    "projects",
    "publications",
    "sitesearch",
    "feedback",
}
SKIP = {".venv", "migrations", "tests", "bench", "staticfiles", "node_modules", "var"}


def modules():
    found = {}
    for path in ROOT.glob("**/*.py"):
        relative = path.relative_to(ROOT)
        if SKIP & set(relative.parts) or len(relative.parts) == 1:
            continue
        parts = list(relative.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name, path, known):
    """First-party modules `name` imports anywhere in its file (module level and inside functions)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        targets.update(candidate for candidate in candidates if candidate in known and candidate != name)
    return targets


def graph():
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_core_imports_no_domain_app():
    wrong = sorted(
        f"{name} -> {target}"
        for name, targets in graph().items()
        if name.startswith("ikpe_site.core")
        for target in targets
        if target.split(".")[0] in DOMAIN_APPS
    )
    assert not wrong, wrong


def test_no_import_cycles():
    edges = graph()
    assert len(edges) > 50  # the walk found the project
    cycles, state = [], {}

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(edges[name]):
            if state.get(target) == "open":
                cycles.append(" -> ".join(trail[trail.index(target) :] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert not cycles, cycles


def test_apps_contribute_through_the_documented_hooks_without_probing_other_models():
    """Cross-app contributions are Wagtail hooks documented in core/extensions.py; no app finds relations by
    walking another app's model fields at run time."""
    from wagtail import hooks

    from ikpe_site.core import extensions

    hooks.search_for_hooks()
    names = {name for name in hooks._hooks if name.startswith("ikpe_")}
    assert names == {
        "ikpe_home_sections",
        "ikpe_related_sections",
        "ikpe_head_links",
        "ikpe_search_places",
        "ikpe_search_words",
    }
    assert all(f"`{name}(" in extensions.__doc__ for name in names)
    contributing = {name: path for name, path in modules().items() if name.endswith((".apps", ".wagtail_hooks"))}
    probing = sorted(name for name, path in contributing.items() if "_meta.get_fields()" in path.read_text())
    assert not probing, probing
    # The search knows no app's models by name beyond its result kinds; places come from the projects app's hook.
    search = modules()["sitesearch.search"].read_text()
    assert "projects.District" not in search and "DistrictIndexPage" not in search


def test_production_code_patches_nothing():
    """Test tools stay in the tests: no module of the site imports unittest (mock) to change how it runs."""
    wrong = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            wrong += [f"{name}: {target}" for target in names if target.split(".")[0] == "unittest"]
    assert not wrong, wrong


def _app_of(module):
    parts = module.split(".")
    return parts[1] if parts[0] == "ikpe_site" else parts[0]


def test_no_block_of_six_lines_is_copied_between_apps():
    """A run of six or more identical code lines (blank lines, comments and imports left out) in two apps is a
    copy that belongs in one place; migrations, tests and benchmarks are not counted."""
    windows = {}
    for module, path in modules().items():
        lines = [line.strip() for line in path.read_text().splitlines()]
        code = [line for line in lines if line and not line.startswith(("#", "import ", "from "))]
        for start in range(len(code) - 5):
            window = tuple(code[start : start + 6])
            if sum(len(line) > 3 for line in window) == 6:  # closing brackets alone are no copy
                windows.setdefault(window, set()).add(_app_of(module))
    copies = [window for window, apps in windows.items() if len(apps) > 1]
    assert not copies, copies[:3]
