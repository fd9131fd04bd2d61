import pytest

from geomap.annotate.gazetteer import default_gazetteer
from geomap.annotate.places import find_places, scan, skeleton


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def spans(text, gaz):
    return [m.span.text for m in find_places(text, gaz)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # clitics attached to the name stay in the mention
        ("قدمت روسيا دعما لإيران ووصل وفد إلى طهران", ["روسيا", "لإيران", "طهران"]),
        ("وبيونغيانغ ترد", ["وبيونغيانغ"]),
        ("سفير بكوريا الجنوبية", ["بكوريا الجنوبية"]),
        ("والولايات المتحدة", ["والولايات المتحدة"]),
        ("للولايات المتحدة", ["للولايات المتحدة"]),
        # multi-word names beat their parts
        ("وصل إلى هونغ كونغ", ["هونغ كونغ"]),
        ("الولايات المتحدة الأمريكية", ["الولايات المتحدة الأمريكية"]),
        # transliterations of g and optional spaces
        ("زار بيونغ يانغ ثم بيونج يانج ثم بيونجيانج", ["بيونغ يانغ", "بيونج يانج", "بيونجيانج"]),
        # a near miss of a prominent name
        ("وصل الوفد إلى بيونجيونج أمس", ["بيونجيونج"]),
        # Yemen, Libya, Syria, the Gulf, Ukraine
        ("غارات على صنعاء والحديدة وعدن", ["صنعاء", "والحديدة", "وعدن"]),
        ("اشتباكات في بنغازي وطرابلس الغرب", ["بنغازي", "وطرابلس الغرب"]),
        ("قصف على إدلب وحلب قرب اللاذقية وطرطوس", ["إدلب", "وحلب", "اللاذقية", "وطرطوس"]),
        ("رحلات بين دبي والدوحة ومسقط", ["دبي", "والدوحة", "ومسقط"]),
        ("هجمات على خاركيف وأوديسا وزابوريجيا والقرم", ["خاركيف", "وأوديسا", "وزابوريجيا", "والقرم"]),
        # curated logistics places
        ("عبر مضيق باب المندب إلى قاعدة حميميم", ["مضيق باب المندب", "قاعدة حميميم"]),
    ],
)
def test_find_places_spans(gaz, text, expected):
    assert spans(text, gaz) == expected


def test_spans_are_exact_offsets_into_the_original(gaz):
    text = "وصلَ الوفدُ إلى بيـونـغ يـانـغ، ثم عاد إلى مُوسكو."
    mentions = find_places(text, gaz)
    assert [m.span.text for m in mentions] == ["بيـونـغ يـانـغ", "مُوسكو"]
    for m in mentions:
        assert text[m.span.start:m.span.end] == m.span.text


def test_names_inside_words_are_not_found(gaz):
    # لبنان is not ل + a town, ايرانيه is an adjective, not إيران
    assert spans("قال اللبنانيون إن الحكومة الإيرانية", gaz) == []
    assert spans("لبنان", gaz) == ["لبنان"]


def test_article_is_not_a_clitic_of_a_name(gaz):
    # التركية (Turkish) is not ال + تركية
    assert spans("الأسلحة التركية", gaz) == []


def test_demonyms_are_not_places_but_are_scanned(gaz):
    text = "قال المسؤول الكوري الشمالي إن الطائرات الروسية وصلت"
    assert spans(text, gaz) == []
    found = [(m.span.text, m.actor) for m in scan(text, gaz) if m.kind == "demonym"]
    assert found == [("الكوري الشمالي", "KP"), ("الروسية", "RU")]


def test_common_words_are_not_near_misses(gaz):
    # long common words are never fuzzy-matched to a place
    assert all(m.score == 1.0 for m in find_places("المتحدثة باسم الاستخبارات العسكرية", gaz))


def test_skeleton():
    assert skeleton("بيونغ يانغ") == skeleton("بيونجيانج") == skeleton("بيونكيانك")


def test_mentions_in_text_order(gaz):
    starts = [m.span.start for m in find_places("روسيا وإيران وكوريا الشمالية والصين", gaz)]
    assert starts == sorted(starts) and len(starts) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصلت السفينة إلى ميناء الحديدة أمس", "ميناء الحديدة"),
        ("هبطت في قاعدة حميميم الجوية", "قاعدة حميميم الجوية"),
        ("أقلعت من مطار دمشق الدولي", "مطار دمشق الدولي"),
        ("ومن ميناء نوفوروسيسك البحري", "ميناء نوفوروسيسك البحري"),
        ("وبمطار فوستوشني", "وبمطار فوستوشني"),
    ],
)
def test_mentions_take_in_facility_words(gaz, text, expected):
    assert spans(text, gaz) == [expected]


def test_facility_words_alone_are_not_places(gaz):
    assert spans("زار الوفد الميناء والمطار والقاعدة الجوية", gaz) == []


def test_names_of_newspapers_and_clubs_are_not_places(gaz):
    text = "فاز ريال مدريد على برشلونة في مدريد، بحسب صحيفة واشنطن بوست ونيويورك تايمز"
    assert spans(text, gaz) == ["برشلونة", "مدريد"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country name that is also an adjective names the country unless it follows a definite noun
        ("السعودية تتسلم منظومات جديدة", "السعودية"),
        ("وقعت الصفقة مع السعودية أمس", "السعودية"),
        ("قالت وكالة الأنباء السعودية إن الوفد وصل", None),
        ("وأعلنت الحكومة السعودية موافقتها", None),
        # an adjective takes no preposition: after another adjective, لل or بال marks the country
        ("وافقت لندن على بيع منظومات الدفاع الجوية للسعودية", "للسعودية"),
        ("تعمل الشركات الأجنبية بالسعودية منذ سنوات", "بالسعودية"),
    ],
)
def test_country_or_adjective(gaz, text, expected):
    assert [m for m in spans(text, gaz) if m.endswith("سعودية")] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("هبطت طائرات الشحن في روالبندي فجرا", "Rawalpindi"),  # GeoNames: راولبندي
        ("وصلت القوات إلى بريست على الحدود", "Brest"),  # GeoNames: برست
    ],
)
def test_large_places_spelled_with_other_long_vowels_are_found_where_placed(gaz, text, name):
    (mention,) = find_places(text, gaz)
    assert name in {p.name for p in mention.candidates}


@pytest.mark.parametrize(
    "text",
    [
        "قال روالبندي إن المحادثات مستمرة",  # no word places it: a name, not a place
        "أكد المتحدث بيسكوف أن موسكو ترفض",  # a surname spelled like Pskov
        "عززت الدوريات الحدودية في المنطقة",  # an adjective spelled like Hodeidah without vowels
    ],
)
def test_vowel_blind_matches_need_a_word_that_places_them(gaz, text):
    assert all(m.score > 0.75 for m in find_places(text, gaz))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تقول بكين إن الحل قريب", ["بكين"]),  # not جينان read across the space
        ("وختم بالقول إن الحرب انتهت", []),  # not ب + الجولان
        ("وصل الوفد إلى بيونج يانج", ["بيونج يانج"]),
    ],
)
def test_spelling_keys_do_not_join_a_particle_to_a_word(gaz, text, expected):
    assert spans(text, gaz) == expected


def test_adjective_spelled_like_a_country_name(gaz):
    # سورية names Syria; with the article it is the adjective
    found = [(m.span.text, m.kind, m.actor) for m in scan("رحبت الحكومة السورية بالقرار", gaz)]
    assert found == [("السورية", "demonym", "SY")]
    assert spans("وصل الوزير إلى سورية", gaz) == ["سورية"]


def test_name_span_is_the_name_alone(gaz):
    (match,) = [m for m in scan("هبطت الطائرة في مطار دمشق الدولي", gaz) if m.kind == "place"]
    assert match.span.text == "مطار دمشق الدولي" and match.name_span.text == "دمشق"
