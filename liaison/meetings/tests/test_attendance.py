"""Attendance counting and the attendance sentence (pure module, no database)."""

from liaison.meetings import attendance as a
from liaison.meetings.attendance import DelegationRecord as D


def gov(**kw):
    return D(kind=a.GOVERNMENT, **kw)


def org(**kw):
    return D(kind=a.ORGANIZATION, **kw)


def test_ninth_meeting_counts_delegations_and_keeps_the_reported_total():
    records = [gov() for _ in range(13)] + [org() for _ in range(7)]
    result = a.count(records, reported_participants=21)
    assert (result.participants, result.governments, result.organizations) == (21, 13, 7)
    assert a.sentence(result) == "It was attended by 21 participants from 13 governments and 7 organizations."
    assert result.warnings == ()


def test_reported_figures_stand_in_when_there_are_no_records():
    result = a.count([], reported_participants=22, reported_governments=14, reported_organizations=8)
    assert a.sentence(result) == "It was attended by 22 participants from 14 governments and 8 organizations."


def test_only_a_total():
    assert a.sentence(a.count([], reported_participants=16)) == "It was attended by 16 participants."


def test_nothing_known_gives_no_sentence():
    assert a.sentence(a.count([])) == ""


def test_total_is_counted_when_every_delegation_size_is_known():
    records = [gov(headcount=2), gov(named=1), org(headcount=1, named=1)]
    result = a.count(records, individual_participants=2)
    assert result.participants == 6
    assert a.sentence(result) == "It was attended by 6 participants from 2 governments and 1 organization."


def test_a_delegation_of_unknown_size_leaves_the_total_unknown():
    records = [gov(), gov(named=1), org(headcount=2)]
    result = a.count(records)
    assert result.participants is None
    assert a.sentence(result) == "It was attended by representatives of 2 governments and 1 organization."


def test_observers_are_said():
    records = [gov(observer=True), gov(), gov(observer=True), org()]
    assert a.sentence(a.count(records)) == (
        "It was attended by representatives of 3 governments (2 as observers) and 1 organization."
    )


def test_singular_forms():
    result = a.count([gov(named=1)])
    assert a.sentence(result) == "It was attended by 1 participant from 1 government."


def test_disagreements_between_report_and_records_are_warned():
    records = [gov(headcount=3) for _ in range(12)] + [org()]
    result = a.count(records, reported_participants=20, reported_governments=13, reported_organizations=1)
    assert result.governments == 12  # records win
    assert any("13 governments" in w for w in result.warnings)
    assert any("36 participants are recorded" in w for w in result.warnings)


class Recorder:
    """Translations that record every message asked for and answer in English."""

    def __init__(self):
        from gettext import NullTranslations

        self.null, self.asked = NullTranslations(), []

    def gettext(self, message):
        self.asked.append(message)
        return self.null.gettext(message)

    def npgettext(self, context, singular, plural, n):
        self.asked.append(singular)
        return self.null.npgettext(context, singular, plural, n)


def test_translators_get_whole_sentences_and_counted_phrases_never_fragments():
    shapes = [
        a.count([gov(named=2), org(named=1)]), a.count([gov(named=1)]), a.count([org(named=1)]),
        a.count([], reported_participants=5), a.count([gov(), org()]), a.count([gov(observer=True), gov()]), a.count([org()]),
    ]
    recorder = Recorder()
    for result in shapes:
        assert a.sentence(result, translations=recorder)
    sentences = [m for m in recorder.asked if m.startswith("It was attended")]
    phrases = [m for m in recorder.asked if not m.startswith("It was attended")]
    assert len(set(sentences)) == 7 and all(m.endswith(".") for m in sentences)
    assert all(m.startswith("%(count)s ") for m in phrases) and " and " not in recorder.asked


def test_the_counts_are_written_in_the_languages_digits():
    result = a.count([], reported_participants=21, reported_governments=13, reported_organizations=1234)
    assert a.sentence(result, language="ar") == "It was attended by ٢١ participants from ١٣ governments and ١٬٢٣٤ organizations."


def test_the_attendance_messages_are_extracted_by_make_messages(tmp_path):
    """makemessages runs xgettext with Django's keywords: every message of the sentence is found (an
    alias such as ``n = t.ngettext`` hid them before)."""
    import subprocess
    from pathlib import Path

    source = Path(a.__file__)
    keywords = ["--keyword=gettext_noop", "--keyword=gettext_lazy", "--keyword=ngettext_lazy:1,2", "--keyword=pgettext:1c,2",
                "--keyword=npgettext:1c,2,3", "--keyword=pgettext_lazy:1c,2", "--keyword=npgettext_lazy:1c,2,3"]
    pot = subprocess.run(["xgettext", "--language=Python", "--from-code=UTF-8", "--no-wrap", *keywords, "--output=-", str(source)],
                         capture_output=True, text=True, check=True).stdout
    for message in ("It was attended by %(participants)s from %(governments)s and %(organizations)s.",
                    "It was attended by representatives of %(organizations)s.", "It was attended by %(participants)s."):
        assert f'msgid "{message}"' in pot
    for singular, plural in (("participant", "participants"), ("government", "governments"), ("organization", "organizations"),
                             ("government (%(observers)s as observers)", "governments (%(observers)s as observers)")):
        assert f'msgctxt "attendance"\nmsgid "%(count)s {singular}"\nmsgid_plural "%(count)s {plural}"' in pot
    assert 'msgid " and "' not in pot


def test_the_disagreements_are_written_in_the_readers_language():
    records = [gov(headcount=3) for _ in range(12)] + [org()]
    result = a.count(records, reported_participants=20, reported_governments=13, reported_organizations=1)
    assert a.warning_texts(result) == list(result.warnings) == [
        "The report gives 13 governments; 12 delegations are recorded.", "36 participants are recorded, more than the 20 reported."]
    recorder = Recorder()
    recorder.ngettext = lambda singular, plural, n: (recorder.asked.append(singular), plural if n != 1 else singular)[1]
    arabic = a.warning_texts(result, translations=recorder, language="ar")
    assert arabic == ["The report gives ١٣ governments; ١٢ delegations are recorded.", "٣٦ participants are recorded, more than the ٢٠ reported."]
    assert all(message.endswith(".") and " and " not in message for message in recorder.asked)
