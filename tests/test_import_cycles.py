"""No module of the site or the tracker imports, directly or through others, a module that
imports it back (at any depth, imports inside functions included): each can be read, changed and
tested from the modules below it up. grimp is import-linter's graph (`make lint`)."""

import grimp
import pytest


def cycles(package: str) -> list[list[str]]:
    """The package's strongly connected modules: each group of two or more imports itself."""
    graph = grimp.build_graph(package, include_external_packages=False)
    imports = {
        module: graph.find_modules_directly_imported_by(module) & graph.modules
        for module in graph.modules
    }
    index, lowest, stack, found = {}, {}, [], []

    def visit(module):  # Tarjan's algorithm
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for imported in imports[module]:
            if imported not in index:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return found


@pytest.mark.parametrize("package", ["config", "home", "wagtail_minimum_standards"])
def test_no_module_imports_itself_through_others(package):
    assert cycles(package) == []


def test_a_circle_is_found(tmp_path, monkeypatch):
    """The check finds the circle issue 20 reported (models -> enquiry handling -> forms ->
    models), in a package made for the purpose."""
    package = tmp_path / "circle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("def serve():\n    from .enquiries import handle\n")
    (package / "enquiries.py").write_text("from .forms import EnquiryForm\n")
    (package / "forms.py").write_text("from .models import serve\n")
    (package / "plain.py").write_text("from . import models\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles("circle") == [["circle.enquiries", "circle.forms", "circle.models"]]
