"""The consolidated list's PDF for an Arabic reader (issue 14, item 4): the document is right to left
(<html lang="ar" dir="rtl">, its table's first column at the right) and an Arabic request title is
drawn with Debian's Noto Naskh Arabic and reads back from the PDF."""

import io
import unicodedata

from django.utils import translation
from pypdf import PdfReader

from liaison.assistance import exports
from liaison.assistance.models import AssistanceRequest

ARABIC = "قانون نموذجي بشأن العوامل البيولوجية"


def placed(data: bytes) -> list[tuple[str, float]]:
    """(text, x on the page) of each piece of text of the PDF's first page, as pypdf reads it."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((unicodedata.normalize("NFKC", text.strip()), tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return pieces


def fonts(data: bytes) -> set[str]:
    page = PdfReader(io.BytesIO(data)).pages[0]
    return {str(f.get_object()["/BaseFont"]).split("+")[-1].replace("-", "") for f in page["/Resources"]["/Font"].values()}


def test_an_arabic_readers_consolidated_list_is_right_to_left(world):
    AssistanceRequest.objects.filter(pk=world["shared"].pk).update(title=ARABIC)
    with translation.override("ar"):
        data = exports.consolidated_file(world["gpwg"].pk, "pdf")
    pieces = placed(data)
    text = " ".join(t for t, _ in pieces)
    assert ARABIC in " ".join(unicodedata.normalize("NFKC", text).split())
    assert any("NotoNaskhArabic" in name for name in fonts(data))
    reference = next(x for t, x in pieces if t.startswith("R-"))  # the only request shared with the GPWG
    title = next(x for t, x in pieces if ARABIC.split()[0] in t)
    assert reference > title  # the first column (the reference) at the right of the third (the title)

    with translation.override("en"):  # the same list in English reads from the left
        pieces = placed(exports.consolidated_file(world["gpwg"].pk, "pdf"))
    reference = next(x for t, x in pieces if t.startswith("R-"))  # the only request shared with the GPWG
    title = next(x for t, x in pieces if ARABIC.split()[0] in t)
    assert reference < title


def test_the_consolidated_sheet_and_the_briefing_name_the_state_in_the_reader_language(world):
    """A French reader's sheet says Kirghizistan, not Kyrgyzstan, as the page does; so does the
    briefing e-mail to a member who reads French."""
    from openpyxl import load_workbook

    from liaison.core import mail

    with translation.override("fr"):
        sheet = load_workbook(io.BytesIO(exports.consolidated_file(world["gpwg"].pk, "xlsx"))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1][1] == "Kirghizistan" and world["shared"].country.iso3 == "KGZ"
    with translation.override("en"):
        sheet = load_workbook(io.BytesIO(exports.consolidated_file(world["gpwg"].pk, "xlsx"))).active
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2))][1] == "Kyrgyzstan"
    _subject, body = mail.render("assistance/email/briefing", {"group": world["gpwg"], "requests": [world["shared"]]}, "fr")
    assert "— Kirghizistan" in body and "Kyrgyzstan" not in body
