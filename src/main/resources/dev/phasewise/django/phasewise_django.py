"""Phasewise's helper inside a Django project: lists the migrations in plan order with their SQL.

Run by `phasewise django lint` and `django make-safe` with the project's own interpreter, from the
project directory:

    python phasewise_django.py migrations SETTINGS_MODULE [DATABASE_URL]
    python phasewise_django.py make-safe SETTINGS_MODULE APP MIGRATION SERIES.json

It prints one JSON document on standard output and nothing else. Errors never escape as a
traceback: they come back as {"error": ..., "migration": ..., "detail": <the traceback's last line>}
with exit status 3, so that Phasewise can say what went wrong in the project's words.
"""
import ast
import json
import os
import sys
import traceback


def fail(message, migration=None, exc=None):
    detail = None
    if exc is not None:
        lines = traceback.format_exception_only(type(exc), exc)
        # the last line of the traceback, on one line (a driver's message may run over several)
        detail = " ".join(lines[-1].split()) if lines else repr(exc)
    json.dump({"error": message, "migration": migration, "detail": detail}, sys.stdout)
    sys.stdout.write("\n")
    sys.exit(3)


def culprit(exc):
    """The project's migration file an exception came from: a syntax error's file, else the deepest frame in a migrations folder."""
    files = []
    tb = exc.__traceback__
    while tb is not None:
        files.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and exc.filename:
        files.append(exc.filename)  # the file that does not parse is the deepest of all
    for path in reversed(files):
        parts = os.path.abspath(path).split(os.sep)
        # a migrations package of an app, not Django's own django/db/migrations code
        if len(parts) >= 4 and parts[-2] == "migrations" and path.endswith(".py") and parts[-3:-1] != ["db", "migrations"]:
            return "%s.%s" % (parts[-3], parts[-1][:-3])
    return None


def database_description(settings_dict):
    return "%s database %r on %s:%s" % (
        settings_dict.get("ENGINE", "?").rsplit(".", 1)[-1], settings_dict.get("NAME"),
        settings_dict.get("HOST") or "localhost", settings_dict.get("PORT") or "default port")


def point_at(url, settings_dict):
    """--url replaces where the default database is, keeping its engine and options."""
    from urllib.parse import urlparse, unquote, parse_qs
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        # a libpq key=value string: psycopg2 takes it as its dsn
        settings_dict["OPTIONS"] = dict(settings_dict.get("OPTIONS") or {}, dsn=url)
        settings_dict["NAME"] = None
        return
    settings_dict["NAME"] = unquote(parsed.path.lstrip("/")) or None
    settings_dict["USER"] = unquote(parsed.username or "")
    settings_dict["PASSWORD"] = unquote(parsed.password or "")
    settings_dict["HOST"] = parsed.hostname or ""
    settings_dict["PORT"] = str(parsed.port or "")
    options = dict(settings_dict.get("OPTIONS") or {})
    for key, values in parse_qs(parsed.query).items():
        options[key] = values[-1]
    settings_dict["OPTIONS"] = options


def setup(settings_module, url):
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    sys.path.insert(0, os.getcwd())
    try:
        import django
    except Exception as e:
        fail("%s cannot import Django (give --python the interpreter that has the project's Django)"
             % sys.executable, exc=e)
    try:
        from django.conf import settings
        settings.INSTALLED_APPS  # imports the settings module
    except Exception as e:
        fail("the settings module %s does not import" % settings_module, exc=e)
    try:
        if url:
            settings.DATABASES["default"] = dict(settings.DATABASES.get("default", {}))
            point_at(url, settings.DATABASES["default"])
        django.setup()
    except Exception as e:
        fail("Django does not start with the settings %s" % settings_module, exc=e)


def operation_lines(path, count):
    """Where each operation is written in the migration's .py file: [line, column] of each element of
    the `operations = [...]` list of its Migration class, when that list is written out and has
    `count` elements; else the line of the class (or of the file's start) for every operation."""
    fallback = [1, 1]
    try:
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
    except Exception:
        return [fallback] * count
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Migration":
            fallback = [node.lineno, node.col_offset + 1]
            for stmt in node.body:
                if (isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "operations" for t in stmt.targets)
                        and isinstance(stmt.value, (ast.List, ast.Tuple)) and len(stmt.value.elts) == count):
                    return [[e.lineno, e.col_offset + 1] for e in stmt.value.elts]
    return [fallback] * count


def header_lines(sql, count):
    """The SQL line where each operation's part begins: Django writes a `--` / `-- <description>` / `--`
    comment before each operation, in order. None when the headers cannot be told apart."""
    lines = sql.split("\n")
    starts = [i + 1 for i, line in enumerate(lines[:-2])
              if line == "--" and lines[i + 1].startswith("-- ") and (lines[i + 2] == "--" or lines[i + 3:i + 4] == ["--"])]
    return starts if len(starts) == count else None


def plan(graph):
    """Every migration of the project, each after all it depends on (Django's own forwards plans, merged)."""
    seen = set()
    order = []
    for leaf in sorted(graph.leaf_nodes()):
        for key in graph.forwards_plan(leaf):
            if key not in seen:
                seen.add(key)
                order.append(key)
    return order


def sql_of(loader, connection, key, state):
    """The SQL `sqlmigrate` prints for one migration, and the project state after it.

    Collected with atomic=False: an atomic schema editor opens a transaction, which needs a live
    database; the BEGIN / COMMIT that sqlmigrate prints around an atomic migration are added here."""
    migration = loader.graph.nodes[key]
    with connection.schema_editor(collect_sql=True, atomic=False) as editor:
        state = migration.apply(state, editor, collect_sql=True)
    statements = list(editor.collected_sql)
    if migration.atomic and connection.features.can_rollback_ddl:
        statements = ["BEGIN;"] + statements + ["COMMIT;"]
    return "\n".join(statements) + "\n", state, migration


# --- facts for the Django rules (PW401-PW406): what Django knows and the SQL does not show ---

def tables_of(state):
    """The tables of a project state by model key: what exists before a migration runs."""
    return {key: model.options.get("db_table") or "%s_%s" % key for key, model in state.models.items()}


def model_modules():
    """The module names of every installed app's models (`articles.models`): what a RunPython must not import."""
    from django.apps import apps
    names = set()
    for config in apps.get_app_configs():
        names.add(config.name + ".models")
        if config.models_module is not None:
            names.add(config.models_module.__name__)
    return names


def absolute_module(name, level, package):
    """The module an import names, a relative one (`from ..models import X`) resolved against `package`."""
    if not level:
        return name
    parts = package.split(".")
    base = ".".join(parts[:len(parts) - (level - 1)]) if level - 1 < len(parts) else ""
    return base + "." + name if name and base else (name or base)


def is_model(module, name):
    """Whether `from module import name` imports a model class (a constant of the models module is no model);
    True when that cannot be told."""
    import importlib
    from django.db import models as django_models
    try:
        obj = getattr(importlib.import_module(module), name)
    except Exception:
        return True
    return isinstance(obj, type) and issubclass(obj, django_models.Model)


def imported_models(node, package, models):
    """[(bound name, model module)] for an import statement that imports an app's models module, or model
    classes from it."""
    found = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if any(alias.name == m or alias.name.startswith(m + ".") for m in models):
                found.append((alias.asname or alias.name.split(".")[0], alias.name))
    elif isinstance(node, ast.ImportFrom):
        module = absolute_module(node.module, node.level, package)
        for alias in node.names:
            if module in models and (alias.name == "*" or is_model(module, alias.name)):
                found.append((alias.asname or alias.name, module))
            elif module + "." + alias.name in models:
                found.append((alias.asname or alias.name, module + "." + alias.name))
    return found


def function_node(tree, code):
    """The def (or lambda) of a code object in its module's syntax tree."""
    first = code.co_firstlineno
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == code.co_name and (
                node.lineno == first or any(d.lineno == first for d in node.decorator_list)):
            return node
        if isinstance(node, ast.Lambda) and code.co_name == "<lambda>" and node.lineno == first:
            return node
    return None


def top_level_imports(body):
    """The import statements of a module's top level, those under a top-level if / try included."""
    for stmt in body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            yield stmt
        elif isinstance(stmt, (ast.If, ast.Try)):
            for part in (stmt.body, stmt.orelse, getattr(stmt, "finalbody", []),
                         [s for h in getattr(stmt, "handlers", []) for s in h.body]):
                yield from top_level_imports(part)


def model_imports_of(func, models):
    """The imports of app models a RunPython function uses: inside it, or at its module's top and used in it.
    [{"function", "line", "import"}]; [] when its source cannot be read (a builtin, a partial)."""
    import inspect
    code = getattr(func, "__code__", None)
    if code is None:
        return []
    try:
        path = inspect.getsourcefile(func)
        with open(path, encoding="utf-8") as f:
            source = f.read()
        tree = ast.parse(source, path)
    except Exception:
        return []
    node = function_node(tree, code)
    if node is None:
        return []
    module = sys.modules.get(func.__module__)
    package = getattr(module, "__package__", None) or func.__module__.rpartition(".")[0]
    used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    out = []
    for imp in ast.walk(node):
        if isinstance(imp, (ast.Import, ast.ImportFrom)) and imported_models(imp, package, models):
            out.append({"function": code.co_name, "line": imp.lineno, "import": ast.get_source_segment(source, imp)})
    for imp in top_level_imports(tree.body):
        if any(name in used for name, _ in imported_models(imp, package, models)):
            out.append({"function": code.co_name, "line": imp.lineno, "import": ast.get_source_segment(source, imp)})
    return sorted(out, key=lambda i: i["line"])


def runsql_text(sql):
    """RunSQL's forward SQL as one text: a string, or a list of strings and (sql, params) pairs."""
    if isinstance(sql, (list, tuple)):
        return "\n".join(s[0] if isinstance(s, (list, tuple)) else str(s) for s in sql)
    return str(sql)


def operation_facts(migration, before):
    """What each operation is, as Django knows it: its type, the model and table it works on and whether that
    table existed before this migration, and for RunPython / RunSQL / AddIndex what the rules need."""
    models = model_modules()
    facts = []
    for op in migration.operations:
        try:
            facts.append(one_operation_facts(migration, op, before, models))
        except Exception as e:  # a custom operation Django's own code cannot describe: the SQL is still linted
            lines = traceback.format_exception_only(type(e), e)
            facts.append({"type": op.__class__.__name__, "error": " ".join(lines[-1].split()) if lines else repr(e)})
    return facts


def one_operation_facts(migration, op, before, models):
    """The facts of one operation (see operation_facts)."""
    model = (getattr(op, "model_name_lower", None) or getattr(op, "name_lower", None)
             if op.__class__.__name__ not in ("RunPython", "RunSQL") else None)
    key = (migration.app_label, model) if model else None
    fact = {"type": op.__class__.__name__, "model": model,
            "table": before.get(key) if key else None, "existed": key in before if key else False,
            "description": op.describe()}
    if fact["type"] == "RunPython":
        fact["code"] = getattr(op.code, "__name__", repr(op.code))
        fact["reverseCode"] = getattr(op.reverse_code, "__name__", repr(op.reverse_code)) if op.reverse_code else None
        fact["modelImports"] = model_imports_of(op.code, models) + (
            model_imports_of(op.reverse_code, models) if op.reverse_code else [])
    elif fact["type"] == "RunSQL":
        fact["sql"] = runsql_text(op.sql)
    elif fact["type"] == "AddIndex":
        fact["indexes"] = [op.index.name]
    elif fact["type"] == "AlterIndexTogether":
        fact["indexes"] = [", ".join(fields) for fields in (op.option_value or [])]
    return fact


def concurrent_index_operation():
    """Whether this Django has django.contrib.postgres.operations.AddIndexConcurrently (3.0 and later)."""
    try:
        from django.contrib.postgres.operations import AddIndexConcurrently  # noqa: F401
        return True
    except Exception:
        return False


def pending_changes(loader):
    """What `makemigrations --check --dry-run` would write, found offline: the autodetector compares the
    migrations' project state with the models. [{"app", "file", "line", "operations", "questions"}].
    A questioner that never exits: where makemigrations would stop to ask for a default, that is recorded."""
    import contextlib
    import inspect
    from django.apps import apps
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
    from django.db.migrations.state import ProjectState

    questions = []

    class Questioner(NonInteractiveMigrationQuestioner):
        def ask_not_null_addition(self, field_name, model_name):
            questions.append((model_name.lower(), "the non-nullable field %s.%s has no default: makemigrations "
                              "would stop to ask for one" % (model_name, field_name)))
            return None

        def ask_auto_now_add_addition(self, field_name, model_name):
            questions.append((model_name.lower(), "the auto_now_add field %s.%s needs a default for the existing "
                              "rows: makemigrations would stop to ask for one" % (model_name, field_name)))
            return None

    try:
        questioner = Questioner(specified_apps=set(), dry_run=True, verbosity=0)
    except TypeError:  # before Django 4.1 the questioner takes no verbosity
        questioner = Questioner(specified_apps=set(), dry_run=True)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # standard output is the JSON answer
            changes = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps), questioner) \
                .changes(graph=loader.graph)
    except (Exception, SystemExit) as e:  # the migrations are still linted; the report says why this check was not made
        lines = traceback.format_exception_only(type(e), e)
        return [{"app": None, "error": " ".join(lines[-1].split()) if lines else repr(e)}]
    out = []
    for app_label, app_migrations in sorted(changes.items()):
        config = apps.get_app_config(app_label)
        module = config.models_module
        path = getattr(module, "__file__", None)
        line = 1
        operations = [op.describe() for m in app_migrations for op in m.operations]
        changed = {(getattr(op, "model_name", None) or getattr(op, "name", None) or "").lower()
                   for m in app_migrations for op in m.operations}
        for op in (op for m in app_migrations for op in m.operations):
            name = getattr(op, "model_name", None) or getattr(op, "name", None)
            try:
                model = config.get_model(name)
                path, line = inspect.getsourcefile(model), inspect.getsourcelines(model)[1]
                break
            except Exception:
                continue  # a deleted model has no class any more: the app's models module stands for it
        out.append({"app": app_label, "file": os.path.abspath(path) if path else None, "line": line,
                    "operations": operations, "questions": [q for model, q in questions if model in changed]})
    return out


def migrations(settings_module, url):
    setup(settings_module, url)
    from django.db import connections, DEFAULT_DB_ALIAS
    from django.db.migrations.loader import MigrationLoader
    connection = connections[DEFAULT_DB_ALIAS]
    database = database_description(connection.settings_dict)
    try:
        # no connection: the graph is built from the files alone, no database is asked what is applied
        loader = MigrationLoader(None, ignore_no_migrations=True)
    except Exception as e:
        node = getattr(e, "node", None)
        name = "%s.%s" % node if isinstance(node, tuple) else culprit(e)
        fail("migration %s does not load" % name if name else "the migrations do not load", migration=name, exc=e)
    applied = None
    if url:
        try:
            from django.db.migrations.recorder import MigrationRecorder
            applied = set(MigrationRecorder(connection).applied_migrations())
        except Exception as e:
            fail("cannot read the applied migrations from the %s" % database, exc=e)
    loader.connection = connection
    out = []
    state = None
    for key in plan(loader.graph):
        name = "%s.%s" % key
        sql_error = None
        try:
            if state is None:
                state = loader.project_state(key, at_end=False)
            before_state = state.clone()
            before = tables_of(state)  # Django rules: the tables that exist before this migration
            sql, state, migration = sql_of(loader, connection, key, state)
        except Exception as e:
            if state is None:
                fail("the SQL of migration %s cannot be collected without a database (Django tried the %s)"
                     % (name, database), migration=name, exc=e)
            # the later migrations still get their SQL: the state moves on without the database; Phasewise
            # reports this one only where it needs its SQL
            migration = loader.graph.nodes[key]
            state = migration.mutate_state(before_state, preserve=True)
            sql = ""
            sql_error = "the SQL of migration %s cannot be collected without a database (Django tried the %s): %s" % (
                name, database, " ".join(traceback.format_exception_only(type(e), e)[-1].split()))
        module = sys.modules.get(migration.__module__)
        path = getattr(module, "__file__", None)
        count = len(migration.operations)
        lines = operation_lines(path, count) if path else [[1, 1]] * count
        starts = header_lines(sql, count) or [1] * count
        out.append({
            "app": key[0],
            "name": key[1],
            "file": os.path.abspath(path) if path else None,
            "atomic": bool(migration.atomic),
            "applied": None if applied is None else key in applied,
            "sql": sql,
            "sqlError": sql_error,
            "operations": [{"sqlLine": start, "line": line, "column": column}
                           for start, (line, column) in zip(starts, lines)],
            "django": operation_facts(migration, before),  # Django rules: one entry per operation
        })
    json.dump({"django": ".".join(str(p) for p in __import__("django").VERSION[:3]),
               "database": database, "migrations": out,
               "addIndexConcurrently": concurrent_index_operation(), "pending": pending_changes(loader)}, sys.stdout)
    sys.stdout.write("\n")


# --- make-safe: a risky migration replaced by a phased series of Django migrations -------------------

class _Function:
    """A RunPython function written out by hand above the Migration class; Django's writer prints its name."""

    def __init__(self, name):
        self.name = name

    def __call__(self, apps, schema_editor):
        raise RuntimeError("a placeholder, never run")


def _register_function_serializer():
    from django.db.migrations.serializer import BaseSerializer
    from django.db.migrations.writer import MigrationWriter

    class FunctionName(BaseSerializer):
        def serialize(self):
            return self.value.name, set()

    MigrationWriter.register_serializer(_Function, FunctionName)


def _swappable(dependency):
    """A loaded swappable dependency as Django's writer takes it: ("__setting__", "AUTH_USER_MODEL")."""
    value = getattr(dependency, "setting", None)
    if value is None:
        return tuple(dependency)
    from django.apps import apps
    from django.conf import settings
    for model in apps.get_models(include_swapped=True):
        name = model._meta.swappable
        if name and getattr(settings, name, None) == value:
            return ("__setting__", name)
    return tuple(dependency)


BATCH_FUNCTION = '''

def {name}(apps, schema_editor):
    """{title}: in batches of {rows} rows over the key, each batch committed on its own.
    {rerun}"""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute({first})
        row = cursor.fetchone()
        lower = row[0] if row else None
        while lower is not None:
            cursor.execute({next}, {{"lower": lower, "rows": {rows}}})
            row = cursor.fetchone()
            upper = row[0] if row else None
            cursor.execute({batch}, {{"lower": lower, "upper": upper}})
            lower = upper
'''


def _docstring_text(text):
    return text.replace("\\", "\\\\").replace('"""', "'''")


def _batch_function(op):
    """The Python of one batched step: keyset batches over the key, each committed on its own
    (the migration is not atomic, so each execute is its own transaction)."""
    return BATCH_FUNCTION.format(name=op["function"], title=_docstring_text(op["title"]), rows=int(op["rows"]),
                                 rerun=_docstring_text(op["rerun"]), first=repr(op["firstKey"]), next=repr(op["nextKey"]), batch=repr(op["batch"]))


def _carried(op):
    """One of the original's RunPython operations, its functions named, for the writer to print as written."""
    from django.db import migrations as dj
    name, args, kwargs = op.deconstruct()
    kwargs["code"] = _Function(op.code.__name__)
    if op.reverse_code is not None:
        kwargs["reverse_code"] = (dj.RunPython.noop if op.reverse_code is dj.RunPython.noop
                                  else _Function(op.reverse_code.__name__))
    return dj.RunPython(**kwargs)


def _module_code(original):
    """The original migration module's own code (its imports and functions), without its Migration class."""
    path = sys.modules[original.__module__].__file__
    with open(path, encoding="utf-8") as f:
        source = f.read()
    tree = ast.parse(source, path)
    lines = source.split("\n")
    imports, parts = [], []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Migration":
            continue
        if isinstance(node, ast.Expr) and isinstance(getattr(node, "value", None), ast.Constant) and node is tree.body[0]:
            continue  # the module's docstring: ours replaces it
        start = min([d.lineno for d in getattr(node, "decorator_list", [])] + [node.lineno]) - 1
        text = "\n".join(lines[start:node.end_lineno])
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if not text.startswith("from django.db import migrations"):  # the writer imports those
                imports.append(text)
        else:
            parts.append(text)
    return imports, "\n\n\n".join(parts)


def _series_text(app, original, spec, dependencies, state_operations, early_state=()):
    from django.db import migrations as dj
    from django.db.migrations.writer import MigrationWriter
    migration = dj.Migration(spec["name"], app)
    migration.dependencies = dependencies
    operations = []
    functions = []
    imports = []
    doc = spec["doc"]
    for op in spec["operations"]:
        if op["type"] == "code":
            if early_state:
                operations.append(dj.SeparateDatabaseAndState(state_operations=list(early_state)))
                doc += "The model state of the operations before the RunPython moves here, for its apps.get_model.\n"
            operations.extend(_carried(o) for o in original.operations if isinstance(o, dj.RunPython))
            imports, code = _module_code(original)
            functions.append(code)
            spec = dict(spec, atomic=original.atomic)
        elif op["type"] == "batches":
            functions.append(_batch_function(op))
            operations.append(dj.RunPython(_Function(op["function"]), dj.RunPython.noop))
        else:
            reverse = op.get("reverse")
            operations.append(dj.RunSQL(op["sql"], reverse) if reverse is not None else dj.RunSQL(op["sql"]))
    if spec.get("stateAtEnd") and state_operations:
        operations.append(dj.SeparateDatabaseAndState(state_operations=state_operations))
        doc += "The model state changes here, once the database is what the original migration made.\n"
    migration.operations = operations
    text = MigrationWriter(migration).as_string()
    text = text.replace("django.db.migrations.operations.special.RunPython.noop", "migrations.RunPython.noop")
    text = text.replace("import django.db.migrations.operations.special\n", "")
    lines = text.split("\n")
    if lines[0].startswith("# Generated by"):
        lines = lines[2:]  # Django's header carries the time of day; ours is the docstring, the same on every run
    body = "\n".join(['"""' + _docstring_text(doc) + '"""', ""] + lines)
    head = "class Migration(migrations.Migration):\n"
    extra = ""
    if not spec["atomic"]:
        extra += ("\n    # each statement (and each batch) commits on its own, as Phasewise's runner runs them: a long one"
                  "\n    # holds no lock that an earlier one took, and CONCURRENTLY needs to be outside a transaction"
                  "\n    atomic = False\n")
    if spec.get("stateAtEnd") and original.run_before:
        extra += "\n    run_before = %r\n" % [tuple(r) for r in original.run_before]
    code = "\n\n\n".join(f.strip("\n") for f in functions if f.strip()) + "\n\n\n" if any(f.strip() for f in functions) else ""
    body = body.replace(head, code + head + extra, 1)
    if imports:
        # the original's own imports go right after the writer's, as one block
        lines = body.split("\n")
        last = max(i for i, line in enumerate(lines) if line.startswith(("from ", "import ")) and i < lines.index(head.rstrip("\n")))
        lines[last + 1:last + 1] = imports
        body = "\n".join(lines)
    return body


def _repointed(path, app, old, new):
    """The migration file's text with every ("app", "old") tuple now naming "new"; None when it names none."""
    with open(path, "rb") as f:
        source = f.read()
    tree = ast.parse(source, path)
    lines = source.split(b"\n")
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(isinstance(e, ast.Constant) for e in node.elts):
            if node.elts[0].value == app and node.elts[1].value == old:
                e = node.elts[1]
                edits.append((e.lineno - 1, e.col_offset, e.end_col_offset))
    if not edits:
        return None
    for line, start, end in sorted(edits, reverse=True):  # columns are byte offsets: edit bytes, right to left
        text = lines[line]
        quote = text[start:start + 1]
        lines[line] = text[:start] + quote + new.encode("utf-8") + quote + text[end:]
    return b"\n".join(lines).decode("utf-8")


def make_safe(settings_module, app, name, spec_path):
    """The files of the series that replaces app.name (their text, from Django's own writer), the file
    to remove, and the later migrations re-pointed at the series' last; Phasewise writes them."""
    setup(settings_module, None)
    from django.db import migrations as dj
    from django.db.migrations.loader import MigrationLoader
    try:
        loader = MigrationLoader(None, ignore_no_migrations=True)
    except Exception as e:
        fail("the migrations do not load", exc=e)
    label = "%s.%s" % (app, name)
    original = loader.disk_migrations.get((app, name))
    if original is None:
        fail("no migration %s" % label, migration=label)
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    # the model state of the original, from its own operations (Django deconstructs the fields); a RunSQL
    # changes no state, except through its own state_operations. With RunPython operations, the state of
    # the operations before the first moves with them (their apps.get_model reads it), the rest at the end
    code = [i for i, op in enumerate(original.operations) if isinstance(op, dj.RunPython)]
    first_code = code[0] if code else len(original.operations)
    early, state = [], []
    for i, op in enumerate(original.operations):
        into = early if i < first_code else state
        if isinstance(op, dj.RunSQL):
            into.extend(op.state_operations)
        elif not isinstance(op, dj.RunPython):
            into.append(op)
    if not code:
        state = early + state
        early = []
    _register_function_serializer()
    original_file = os.path.abspath(sys.modules[original.__module__].__file__)
    folder = os.path.dirname(original_file)
    files = []
    previous = None
    for migration in spec["migrations"]:
        dependencies = [_swappable(d) for d in original.dependencies] if previous is None else [(app, previous)]
        files.append({"path": os.path.join(folder, migration["name"] + ".py"),
                      "text": _series_text(app, original, migration, dependencies, state, early)})
        previous = migration["name"]
    repointed = []
    for (other_app, other_name), other in sorted(loader.disk_migrations.items()):
        if (other_app, other_name) == (app, name):
            continue
        if (app, name) in [tuple(d) for d in other.dependencies] + [tuple(r) for r in other.run_before]:
            path = os.path.abspath(sys.modules[other.__module__].__file__)
            text = _repointed(path, app, name, previous)
            if text is None:
                fail("migration %s.%s depends on %s, but its file does not name it as (%r, %r): re-point it by hand"
                     % (other_app, other_name, label, app, name), migration="%s.%s" % (other_app, other_name))
            repointed.append({"path": path, "text": text})
    json.dump({"files": files, "remove": original_file, "repointed": repointed}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        if len(sys.argv) == 6 and sys.argv[1] == "make-safe":
            make_safe(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
            sys.exit(0)
        if len(sys.argv) < 3 or sys.argv[1] != "migrations":
            fail("usage: phasewise_django.py migrations SETTINGS_MODULE [DATABASE_URL]"
                 " | make-safe SETTINGS_MODULE APP MIGRATION SERIES.json")
        migrations(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None)
    except SystemExit:
        raise
    except BaseException as e:  # anything unforeseen still comes back as one message, not a traceback
        fail("the Django helper failed", exc=e)
