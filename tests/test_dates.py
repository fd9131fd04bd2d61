import pytest

from geomap.annotate.dates import find_dates, parse_published
from geomap.model import Span
from geomap.resources import default_resources


def _one(text, published=None):
    dates = find_dates(default_resources(), text, published=published)
    assert len(dates) == 1, dates
    d = dates[0]
    assert text[d.span.start:d.span.end] == d.span.text
    return d


@pytest.mark.parametrize(
    ("text", "published", "start", "end", "kind"),
    [
        ("في الفترة بين 3 مارس/آذار والأول من يونيو/حزيران", "2024-06-10", "2024-03-03", "2024-06-01", "range"),
        ("حل الوفد في دمشق بين 12 و14 مارس الماضي", "2023-05", "2023-03-12", "2023-03-14", "range"),
        ("حطت صباح يوم الأحد 9 يونيو 2024، بعد رحلة", None, "2024-06-09", "2024-06-09", "point"),
        ("في مارس 2017، حملت سفينة", "2023-08", "2017-03", "2017-03", "point"),
        ("منذ يوليو/تموز 2023", "2024-04-29", "2023-07", "2024-04-29", "since"),
        ("تصل الذخائر منذ حزيران/ يونيو، بواسطة قطارات", "2024-04", "2023-06", "2024-04", "since"),
        # a month that has begun by publication: the month after it is last year's, not next month
        ("يتدرب الطيارون هناك منذ أيار/ مايو", "2024-04-10", "2023-05", "2024-04-10", "since"),
        ("تتواصل الرحلات منذ 5 مايو", "2024-04-10", "2023-05-05", "2024-04-10", "since"),
        ("تتواصل الرحلات منذ آذار/ مارس", "2024-04-10", "2024-03", "2024-04-10", "since"),
        ("خبراء في تشرين الأول/ أكتوبر  الماضي", "2024-04", "2023-10", "2023-10", "point"),
        ("وأواخر شباط/ فبراير الماضي، كشفت", "2024-04", "2024-02", "2024-02", "point"),
        ("وفي تموز/يوليو الماضي، استقبل", "2024-04", "2023-07", "2023-07", "point"),
        ("وعرف شهر آذار (مارس) الماضي وصول", "2024-05", "2024-03", "2024-03", "point"),
        ("هجمات في منتصف الشهر المنصرم", "2024-05", "2024-04", "2024-04", "point"),
        ("ونفى المتحدث اليوم الاثنين", "2024-04-29", "2024-04-29", "2024-04-29", "point"),
        ("قال يوم الخميس إن", "2024-04-29", "2024-04-25", "2024-04-25", "point"),
        ("احتضنته طهران الأسبوع الماضي", "2024-04-29", "2024-04-22", "2024-04-28", "range"),
        ("العام الماضي", "2024-04", "2023", "2023", "point"),
        ("هذا العام", "2024", "2024", "2024", "point"),
        ("أول مهمة منذ عام 2019.", "2024-05", "2019", "2024-05", "since"),
        ("استهدف الحوثيون سفينة في ١٥ ديسمبر ٢٠٢٣", None, "2023-12-15", "2023-12-15", "point"),
        ("في الثامن عشر من كانون الثاني 2022", None, "2022-01-18", "2022-01-18", "point"),
        ("تعقد القمة في يونيو المقبل", "2024-11", "2025-06", "2025-06", "point"),
        ("وصل الوفد إلى دمشق مطلع شباط/فبراير", "2024-04", "2024-02", "2024-02", "point"),
        ("غارة في 3 جانفي 2024", None, "2024-01-03", "2024-01-03", "point"),
        ("بين 30 ديسمبر 2023 و2 يناير 2024", None, "2023-12-30", "2024-01-02", "range"),
        ("هبطت بين أغسطس/آب وأكتوبر/تشرين الأول", "2024-11-20", "2024-08", "2024-10", "range"),
        ("في الفترة بين نوفمبر وفبراير", "2024-03", "2023-11", "2024-02", "range"),
        ("من أغسطس 2022 إلى يناير 2023", None, "2022-08", "2023-01", "range"),
        ("ووصلت قوات مطلع الشهر.", "2024-11-20", "2024-11", "2024-11", "point"),
        ("تسلمتها أواخر العام", "2024-11-20", "2024", "2024", "point"),
        ("أطلق الصاروخ قبل ثلاثة أيام", "2024-04-29", "2024-04-26", "2024-04-26", "point"),
        ("زار الوفد دمشق قبل يومين", "2024-04-29", "2024-04-27", "2024-04-27", "point"),
        ("وقعت الغارة قبل 5 سنوات", "2024-04", "2019", "2019", "point"),
        ("قصفت الطائرات الميناء مساء أمس", "2024-04-29", "2024-04-28", "2024-04-28", "point"),
        ("وصل الوفد صباح اليوم", "2024-04-29", "2024-04-29", "2024-04-29", "point"),
        ("وصلت الشحنة في 1/8/2023 إلى الميناء", None, "2023-08-01", "2023-08-01", "point"),
        ("بتاريخ 2023-08-01", None, "2023-08-01", "2023-08-01", "point"),
        # a weekday with المقبل/القادم points forward, with الماضي strictly back (2024-04-29 is a Monday)
        ("تعقد القمة يوم الخميس المقبل", "2024-04-29", "2024-05-02", "2024-05-02", "point"),
        ("تبدأ المناورات الاثنين القادم", "2024-04-29", "2024-05-06", "2024-05-06", "point"),
        ("وقع الهجوم يوم الاثنين الماضي", "2024-04-29", "2024-04-22", "2024-04-22", "point"),
        ("وقع الهجوم يوم السبت الماضي", "2024-04-29", "2024-04-27", "2024-04-27", "point"),
        # one month in both series, joined by a dash
        ("بدأ الحظر في 3 تشرين الأول - أكتوبر عام 2019 وما زال", None, "2019-10-03", "2019-10-03", "point"),
        ("اندلعت المواجهات في حزيران - يونيو الماضي", "2022-03", "2021-06", "2021-06", "point"),
        # two months joined by a dash are a range, never one month
        ("بين كانون الثاني - شباط 2018", None, "2018-01", "2018-02", "range"),
    ],
)
def test_dates_resolve(text, published, start, end, kind):
    d = _one(text, published)
    assert (d.start, d.end, d.kind) == (start, end, kind)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("أيلول/سبتمبر الماضي", None),  # no publication date: do not guess
        ("أيلول/سبتمبر الماضي", "2024"),  # "last September" needs the month of publication
        ("ونفى اليوم الاثنين", "2024-04"),  # a bare weekday needs the day of publication
        ("الأسبوع الماضي", None),
        ("من الاثنين إلى الأربعاء", "2024-04"),
    ],
)
def test_relative_without_publication_is_reported_unresolved(text, published):
    d = _one(text, published)
    assert d.start is None and d.end is None
    assert d.relative and not d.resolved


@pytest.mark.parametrize(
    "text",
    [
        "مارس الرئيس ضغوطا على الحكومة",  # مارس the verb
        "معرض الأسلحة والمعدات 2023 في العاصمة",  # a year in a name, without a date word
        "قال أب الضحية إن",  # أب the father
        "سقط 25 صاروخا",
        "العالم اليوم يشهد تحولات",  # "nowadays"
        "قبل ثلاثة أيام من الانتخابات",  # before another event, not before publication
        "أصاب 3/4 الأهداف",
        "منذ اندلاع ثورة 17 فبراير في بنغازي",  # an event named by its day
        "وتغيرت السياسة الأمريكية بعد أحداث 11 سبتمبر",
    ],
)
def test_words_that_are_not_dates(text):
    assert find_dates(default_resources(), text, published="2024-04-29") == []


def test_absolute_dates_need_no_publication():
    d = _one("في يوليو 2019")
    assert (d.start, d.relative) == ("2019-07", False)


def test_unmarked_month_is_the_most_recent_one():
    assert _one("وصلت طائرة مطلع أغسطس", "2023-08").start == "2023-08"
    assert _one("زار الوفد موسكو في نوفمبر", "2024-04").start == "2023-11"
    assert _one("زار الوفد موسكو في نوفمبر", "2024").start == "2024-11"


def test_span_limits_the_search_and_offsets_stay_in_the_article():
    text = "في يوليو 2019 زار الوفد. ثم عاد في أغسطس 2020."
    second = text.index("ثم")
    dates = find_dates(default_resources(), text, Span(second, len(text), text[second:]))
    assert [d.start for d in dates] == ["2020-08"]
    assert text[dates[0].span.start:dates[0].span.end] == dates[0].span.text


def test_diacritics_and_tatweel_keep_exact_spans():
    text = "وقع الهجوم في تمّوز/ يولـيو 2023 قرب الميناء"
    d = _one(text)
    assert d.start == "2023-07"
    assert d.span.text.endswith("2023")


@pytest.mark.parametrize(
    ("published", "parts"),
    [("2024", (2024, None, None)), ("2024-04", (2024, 4, None)), ("2024-04-29", (2024, 4, 29)),
     (None, None), ("2024-13", None), ("soon", None)],
)
def test_parse_published(published, parts):
    assert parse_published(published) == parts


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a duration after the date named last, not after publication
        ("اندلعت الاشتباكات في نيسان 2019، وبعد ثلاثة أشهر أعلن وقف النار", "2023-01-05",
         [("2019-04", "2019-04"), ("2019-07", "2019-07")]),
        ("وقعت الاتفاقية في 10 فبراير 2021، وبعد أسبوعين وصل الوفد", None,
         [("2021-02-10", "2021-02-10"), ("2021-02-24", "2021-02-24")]),
        # a month "of the same year": the year named last
        ("أعلن الحظر في مايو 2012، ثم في تشرين الثاني من العام نفسه وسعه", "2020-03-01",
         [("2012-05", "2012-05"), ("2012-11", "2012-11")]),
        # nothing named before: no date; a duration after an event is no date either
        ("وصل الوفد بعد شهرين", "2020-03-01", []),
        ("وقعت الاتفاقية في 10 فبراير 2021، وانسحبت القوات بعد يومين من الهجوم", None,
         [("2021-02-10", "2021-02-10")]),
    ],
)
def test_dates_resolved_against_the_date_named_before(text, published, expected):
    assert [(d.start, d.end) for d in find_dates(default_resources(), text, published=published)] == expected


class _Unfiltered:
    """Resources whose date patterns are all tried, at every word: not only those whose words the text holds."""

    def __init__(self, res):
        import copy
        import dataclasses

        matcher = copy.copy(res.dates.matcher)
        everything = tuple(range(len(matcher.patterns)))
        matcher.begins = lambda word: everything
        matcher.viable = lambda features: everything
        self.dates = dataclasses.replace(res.dates, matcher=matcher)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("وصلت الدفعة الأولى بأغسطس الماضي ثم فبراير", "2024-04"),
        ("وأمس وصلت الشحنة، والسبت والأحد جرت المناورات", "2024-04-29"),
        ("فالأسبوع المقبل يصل الوفد، ولثلاثة أيام يبقى", "2024-04-29"),
        ("بين الاثنينوالخميس جرت المحادثات", "2024-04-29"),
        ("بين الاثنين والخميس جرت المحادثات", "2024-04-29"),
        ("وصلت في 1/8/2023 ثم في 2023-09-01 وبعد أسبوعين", None),
        ("جاء في 7/3/2022 وبعد عامين غادر", None),
        ("كلام بلا تاريخ عن سفن وشحنات", "2024-04-29"),
        ("الاجتماع السادس عشر من ديسمبر، ثم في ذات العام", "2024-04-29"),
    ],
)
def test_passing_over_stretches_without_date_words_changes_no_date(text, published):
    res = default_resources()
    assert find_dates(res, text, published=published) == find_dates(_Unfiltered(res), text, published=published)


@pytest.mark.parametrize(("text", "expected"), [
    # a year or two ago is known to the month of publication; longer ago, to the year
    ("وقعت الحادثة قبل عام", ("2023-05", "2023-05")),
    ("وقعت الحادثة قبل عامين", ("2022-05", "2022-05")),
    ("وقعت الحادثة قبل ثلاث سنوات", ("2021", "2021")),
    ("وصل الوفد منذ أسبوع", ("2024-05", "2024-05")),
    ("أعلن ذلك قبل يوم", ("2024-05-09", "2024-05-09")),
])
def test_a_unit_alone_is_one_unit_before_publication(text, expected):
    found = find_dates(default_resources(), text, None, "2024-05-10")
    assert [(d.start, d.end) for d in found] == [expected]


@pytest.mark.parametrize("text", ["وصل الوفد قبل شهر رمضان", "قبل عام من الحرب"])
def test_a_unit_naming_a_month_or_a_later_date_is_no_span_of_time(text):
    assert find_dates(default_resources(), text, None, "2024-05-10") == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a month of the year counted from publication
        ("وفي أيار من العام الماضي، افتتح المصنع", "2021-02-11", [("2020-05", "2020-05")]),
        ("في يناير من العام المقبل", "2021-02-11", [("2022-01", "2022-01")]),
        ("في نوفمبر من العام الجاري", "2021-02-11", [("2021-11", "2021-11")]),
        # "then ... that long after": after the date named last
        ("وصل الوفد في مارس 2019، ثم عاد بعدها بثلاثة أشهر", "2021-02-11",
         [("2019-03", "2019-03"), ("2019-06", "2019-06")]),
        ("أعلن الاتفاق في 4 مايو 2018، وبعد ذلك بأسبوعين وقع العقد", None,
         [("2018-05-04", "2018-05-04"), ("2018-05-18", "2018-05-18")]),
        # what the news comes after happened that long before publication
        ("وتأتي الخطوة بعد ثلاثة أيام من قصف استهدف الميناء", "2021-02-11", [("2021-02-08", "2021-02-08")]),
    ],
)
def test_months_of_a_counted_year_and_spans_after_or_before(text, published, expected):
    assert [(d.start, d.end) for d in find_dates(default_resources(), text, published=published)] == expected


def test_since_a_happening_in_a_year_is_a_since_date():
    d = _one("وهو أكبر معرض منذ انطلاق دورته الأولى عام 1999", "2021-02-11")
    assert (d.start, d.end, d.kind) == ("1999", "2021-02-11", "since")
