#!/usr/bin/env python3
# xlsx_check.py - reads an .xlsx written by smalog with openpyxl and holds it
# against the CSV (--date-range) of the same report: every value equal,
# numbers as numbers, exact days as date cells, partial dates as text with
# their first and last day as dates, the header row frozen, a filter over
# the data.  Usage: xlsx_check.py [--sheet NAME] BOOK.xlsx REPORT.csv
# [TEXT_COLUMN...] (the sheet NAME, else the first): a
# value that is a number in the CSV must be a number in the sheet, but in
# the TEXT_COLUMNs; prints what differs.
#   xlsx_check.py --raw SHEET.csv REPORT.csv: SHEET.csv is what gnumeric's
# ssconvert made of the workbook with format=raw (dates as day serials):
# every exact day of a date column must be a serial of that day, every
# number the same number, all else the same text.
import csv
import datetime
import re
import sys

import openpyxl

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")



def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def date_columns(header):
    """A date column is followed by its first and last day: all three hold days."""
    dates = set()
    for c, name in enumerate(header):
        if header[c + 1:c + 3] == [name + "_start", name + "_end"]:
            dates.update((c, c + 1, c + 2))
    return dates


if sys.argv[1] == "--raw":
    got, want = read_csv(sys.argv[2]), read_csv(sys.argv[3])
    dates = date_columns(want[0])
    epoch = datetime.date(1899, 12, 30)
    problems = [] if len(got) == len(want) else [f"{len(got)} rows, {len(want)} in the CSV"]
    for r, (cells, expected) in enumerate(zip(got, want), start=1):
        for c, (v, text) in enumerate(zip(cells, expected)):
            where = f"row {r} {want[0][c]}"
            if r > 1 and c in dates and DAY.match(text):
                ok = v.isdigit() and (epoch + datetime.timedelta(days=int(v))).isoformat() == text
            elif r > 1 and NUMBER.match(text):
                ok = NUMBER.match(v) is not None and float(v) == float(text)
            else:
                ok = v == text
            if not ok:
                problems.append(f"{where}: {v!r}, CSV {text!r}")
        if len(cells) != len(expected):
            problems.append(f"row {r}: {len(cells)} cells, {len(expected)} in the CSV")
    for p in problems[:20]:
        print(p)
    sys.exit(1 if problems else 0)

sheet_name = None
if sys.argv[1] == "--sheet":
    sheet_name = sys.argv[2]
    del sys.argv[1:3]
book = openpyxl.load_workbook(sys.argv[1])
if sheet_name is not None and sheet_name not in book.sheetnames:
    sys.exit(f"no sheet {sheet_name!r} in {book.sheetnames}")
sheet = book[sheet_name] if sheet_name is not None else book.active
want = read_csv(sys.argv[2])
if not want:
    sys.exit("the CSV is empty")
got = [list(r) for r in sheet.iter_rows()]
problems = []
if len(got) != len(want):
    problems.append(f"{len(got)} rows in the sheet, {len(want)} in the CSV")
if sheet.freeze_panes != "A2":
    problems.append(f"frozen at {sheet.freeze_panes}, not below the header")
last = openpyxl.utils.get_column_letter(len(want[0]))
if sheet.auto_filter.ref != f"A1:{last}{len(want)}":
    problems.append(f"filter over {sheet.auto_filter.ref}, not A1:{last}{len(want)}")
header = want[0]
text_columns = set(sys.argv[3:])
dates = date_columns(header)
for r, (cells, expected) in enumerate(zip(got, want), start=1):
    if len(cells) != len(expected):
        problems.append(f"row {r}: {len(cells)} cells, {len(expected)} in the CSV")
        continue
    for c, (cell, text) in enumerate(zip(cells, expected)):
        where = f"row {r} {header[c]}"
        v = cell.value
        if r == 1 or text == "":
            if (v if v is not None else "") != text:
                problems.append(f"{where}: {v!r}, CSV {text!r}")
            continue
        if c in dates and DAY.match(text):
            if not isinstance(v, datetime.datetime) or v.date().isoformat() != text:
                problems.append(f"{where}: {v!r} is not the date {text}")
            elif cell.number_format != "yyyy-mm-dd":
                problems.append(f"{where}: date shown as {cell.number_format!r}")
        elif NUMBER.match(text) and header[c] not in text_columns:
            places = len(text.split(".")[1]) if "." in text else 0
            if type(v) not in (int, float) or f"{v:.{places}f}" != text:
                problems.append(f"{where}: {v!r} is not the number {text}")
            elif places == 2 and cell.number_format != "0." + "0" * places:
                problems.append(f"{where}: {text} shown as {cell.number_format!r}")
        elif not isinstance(v, str) or v != text:
            problems.append(f"{where}: {v!r} is not the text {text!r}")
for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
