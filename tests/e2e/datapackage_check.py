#!/usr/bin/env python3
# datapackage_check.py - checks an export --all folder as the tools that read
# Data Packages do: datapackage.json valid against the published JSON Schemas
# (offline copies in tests/data/frictionless), and every KIND.csv loaded with
# pandas typed as its Table Schema says.  Prints one line per problem; exits 1
# if there is any.
import json
import re
import sys

import jsonschema
import pandas as pd

folder, schemas = sys.argv[1], sys.argv[2]
problems = []
package = json.load(open(f"{folder}/datapackage.json", encoding="utf-8"))
for name in ("data-package", "tabular-data-package"):
    schema = json.load(open(f"{schemas}/{name}.json", encoding="utf-8"))
    for e in jsonschema.Draft4Validator(schema).iter_errors(package):
        problems.append(f"{name}: {e.message} at {list(e.path)}")
table_schema = json.load(open(f"{schemas}/table-schema.json", encoding="utf-8"))
resources = {r["name"]: r for r in package["resources"]}

dtypes = {"integer": "Int64", "number": "Float64", "string": "string"}
for name, r in resources.items():
    schema = r["schema"]
    for e in jsonschema.Draft4Validator(table_schema).iter_errors(schema):
        problems.append(f"{name}: table schema: {e.message} at {list(e.path)}")
    fields = schema["fields"]
    # read every column as text, then type each as the schema says
    frame = pd.read_csv(f"{folder}/{r['path']}", dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != [f["name"] for f in fields]:
        problems.append(f"{name}: columns {list(frame.columns)} are not the schema's")
        continue
    for f in fields:
        col = frame[f["name"]].replace("", pd.NA)
        c = f.get("constraints", {})
        if c.get("required") and col.isna().any():
            problems.append(f"{name}.{f['name']}: a required value is missing")
        if "pattern" in c and not col.dropna().map(lambda v: re.fullmatch(c["pattern"], v) is not None).all():
            problems.append(f"{name}.{f['name']}: a value does not match {c['pattern']}")
        if "enum" in c and not col.dropna().isin(c["enum"]).all():
            problems.append(f"{name}.{f['name']}: a value is not one of {c['enum']}")
        if f.get("bareNumber") is False:
            col = col.str.rstrip("~")
        try:
            frame[f["name"]] = col.astype(dtypes[f["type"]])
        except (TypeError, ValueError) as e:
            problems.append(f"{name}.{f['name']}: not {f['type']}: {e}")
    if frame["uid"].duplicated().any():
        problems.append(f"{name}: a uid twice")
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"]["resource"] or name
        other = pd.read_csv(f"{folder}/{resources[target]['path']}", dtype=str, keep_default_na=False)
        keys = set(map(tuple, other[fk["reference"]["fields"]].values.tolist()))
        for row in frame[fk["fields"]].astype(str).values.tolist():
            row = tuple("" if v in ("<NA>", "nan") else v for v in row)
            if all(row) and row not in keys:
                problems.append(f"{name}: {fk['fields']} = {row} is not in {target}")
    print(name, " ".join(f"{c}:{t}" for c, t in frame.dtypes.astype(str).items()))
for p in problems:
    print("PROBLEM:", p)
sys.exit(1 if problems else 0)
