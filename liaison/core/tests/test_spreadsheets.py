"""Formula injection (issue 11, finding 8): every CSV/XLSX export goes through core/spreadsheets.py,
which writes a leading = + - @ tab or CR in a text cell as text."""

import io
import re
from pathlib import Path

from openpyxl import load_workbook

from liaison.core import spreadsheets

LIAISON = Path(spreadsheets.__file__).resolve().parent.parent


def test_text_cells_that_look_like_formulas_are_neutralised():
    for dangerous in ("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheets.neutralise(dangerous) == "'" + dangerous
    assert [spreadsheets.neutralise(v) for v in ("Tromsø", "a=b", 3, -2, None, "")] == ["Tromsø", "a=b", 3, -2, None, ""]


def test_csv_and_xlsx_writers_store_text_not_formulas():
    rows = [["=HYPERLINK(\"http://evil.example\",\"click\")", 5, "@cmd"]]
    text = spreadsheets.csv_text(["a", "b", "c"], rows)
    assert text.startswith("\ufeff") and "'=HYPERLINK" in text and ",'@cmd" in text
    sheet = load_workbook(io.BytesIO(spreadsheets.xlsx_bytes({"S": (["a", "b", "c"], rows)}))).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert cells[0].value.startswith("'=") and cells[0].data_type == "s" and cells[1].value == 5


def test_no_module_writes_csv_or_xlsx_without_the_helper():
    """A new export written with csv.writer or openpyxl directly fails here: use core/spreadsheets.py."""
    pattern = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\bWorkbook\(|xlsxwriter|\.to_csv\(|\.to_excel\(")
    offenders = [
        str(path.relative_to(LIAISON)) for path in LIAISON.rglob("*.py")
        if "tests" not in path.parts and path.name != "spreadsheets.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
