"""The one download helper: names with quotes, non-ASCII letters or path separators survive."""


from liaison.core.downloads import download, safe_filename


def test_quotes_and_non_ascii_names_survive():
    response = download(b"data", 'Réunion "Biosafety" 2027.docx')
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''R%C3%A9union%20%22Biosafety%22%202027.docx"
    assert response.getvalue() == b"data"
    assert response["X-Content-Type-Options"] == "nosniff"
    quoted = download("text", 'The "draft".csv', "text/csv; charset=utf-8")
    assert quoted["Content-Disposition"] == 'attachment; filename="The \\"draft\\".csv"'
    assert quoted["Content-Type"] == "text/csv; charset=utf-8" and quoted.getvalue() == b"text"


def test_path_separators_and_control_characters_are_removed():
    assert safe_filename("UNEP/CBD/BS/LG-CB/9/1.pdf") == "UNEP-CBD-BS-LG-CB-9-1.pdf"
    assert safe_filename("a\r\nb\\c.txt") == "a-b-c.txt"
    assert safe_filename("../..") == "download"
    assert download(b"", "x\nSet-Cookie: y.txt")["Content-Disposition"] == 'attachment; filename="x-Set-Cookie: y.txt"'


def test_files_are_streamed_with_their_length(tmp_path):
    target = tmp_path / "letter.pdf"
    target.write_bytes(b"%PDF-1.7 test")
    response = download(target.open("rb"), "letter.pdf")
    assert response["Content-Length"] == str(len(b"%PDF-1.7 test"))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
