"""What an uploaded file is, read from its bytes (pure module)."""

import io
import zipfile

import pytest

from liaison.core.uploads import UploadRefused, check

MB = 1_048_576


def docx_bytes(member="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<w:document/>")
    return buffer.getvalue()


def test_a_real_pdf_is_accepted():
    assert check("agenda.pdf", b"%PDF-1.7\n...", 100, MB).content_type == "application/pdf"


def test_a_real_docx_is_accepted():
    data = docx_bytes()
    assert check("Report.DOCX", data[:4096], len(data), MB, lambda: data).extension == ".docx"


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("agenda.pdf", b"MZ\x90\x00 this is an exe", "not a PDF"),
        ("report.docx", b"%PDF-1.4", "not a DOCX"),
        ("sheet.xlsx", docx_bytes(), "content is not a XLSX"),
        ("notes.txt", b"\x00\x01\x02binary", "binary data"),
        ("virus.exe", b"MZ", "not accepted"),
        ("noextension", b"hello", "not accepted"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_files_whose_content_does_not_match_are_refused(name, data, message):
    with pytest.raises(UploadRefused, match=message):
        check(name, data[:4096], len(data), MB, lambda: data)


def test_too_large():
    with pytest.raises(UploadRefused, match="limit is 1 MB"):
        check("big.pdf", b"%PDF-", 2 * MB, MB)
