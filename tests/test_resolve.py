import pytest
from common import SEEDS

from geomap.annotate.gazetteer import Gazetteer, default_gazetteer
from geomap.annotate.places import find_places
from geomap.annotate.resolve import accepts, is_proper_name, resolve_places
from geomap.model import Article, Place
from geomap.pipeline import extract_article
from geomap.resources import default_resources


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def resolve(text, gaz):
    return resolve_places(text, find_places(text, gaz), gaz)


def names(text, gaz):
    return [(r.place.name, r.place.country) for r in resolve(text, gaz).places]


def test_prominence_picks_the_capital(gaz):
    assert names("وصل الوزير إلى موسكو", gaz) == [("Moscow", "RU")]
    assert names("قال مسؤول في واشنطن", gaz)[0][1] == "US"
    washington = resolve("قال مسؤول في واشنطن", gaz).places[0].place
    assert abs(washington.lat - 38.9) < 0.2 and abs(washington.lon + 77.0) < 0.2


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("اشتباكات في طرابلس وبنغازي شرق ليبيا", "LY"),
        ("اشتباكات في مدينة طرابلس شمال لبنان", "LB"),
    ],
)
def test_context_picks_among_namesakes(gaz, text, country):
    tripoli = [r.place for r in resolve(text, gaz).places if r.place.name == "Tripoli"]
    assert tripoli and tripoli[0].country == country


def test_amman_or_oman_by_context(gaz):
    assert names("وصل الوزير إلى عمان للقاء نظيره الأردني", gaz) == [("Amman", "JO")]
    assert ("Oman", "OM") in names("قالت سلطنة عمان إنها تتوسط", gaz)


@pytest.mark.parametrize(
    "text",
    [
        "المصدر: جيتي",  # a photo credit, not Jette (Belgium)
        "نقلت وكالة عن مصدر مطلع أن سبل التعاون نوقشت في قمة الشمال",
        "وقال بايدن إن الأمر كان كبيرا",  # not ب + Eden, not ك + Beira
        "المالية العامة تواجه أزمة وقال وزير المالية",
        "قال إن كورونا انتشرت",
    ],
)
def test_common_words_are_not_places(gaz, text):
    assert names(text, gaz) == []


def test_places_once_each_in_first_mention_order(gaz):
    text = "زار شويغو بيونغ يانغ. وقالت كوريا الشمالية إن بيونغيانغ ترحب. ثم عاد إلى موسكو."
    result = resolve(text, gaz)
    assert [r.place.name for r in result.places] == ["Pyongyang", "North Korea", "Moscow"]
    assert [m.text for m in result.places[0].mentions] == ["بيونغ يانغ", "بيونغيانغ"]


def test_actors(gaz):
    text = "قال الكرملين إن موسكو لن تسلح بيونغ يانغ، ونفت كوريا الشمالية التقارير الأمريكية والإيرانية."
    actors = [(a.span.text, a.actor, a.kind) for a in resolve(text, gaz).actors]
    assert actors == [
        ("الكرملين", "RU", "seat"),
        ("موسكو", "RU", "capital"),
        ("بيونغ يانغ", "KP", "capital"),
        ("كوريا الشمالية", "KP", "country"),
        ("الأمريكية", "US", "demonym"),
        ("والإيرانية", "IR", "demonym"),
    ]


def test_demonyms_are_not_places(gaz):
    text = "قال المسؤولون الإيرانيون والروس والأوكرانيون"
    result = resolve(text, gaz)
    assert result.places == ()
    assert {a.actor for a in result.actors} >= {"IR", "UA"}


def test_accepts_weighs_frequency_against_prominence():
    gaz = Gazetteer()
    town = Place("geonames:1", "Town", "city", "BE", 50.0, 4.0, 50_000)
    assert accepts(town, 1.0, False, gaz, name="تاون")
    assert not accepts(town, 3.0, False, gaz, name="تاون")
    big = Place("geonames:2", "Big", "city", "XX", 50.0, 4.0, 5_000_000)
    assert accepts(big, 4.8, True, gaz, name="بيغ")
    assert not accepts(big, 5.9, True, gaz, name="بيغ")
    arab_town = Place("geonames:3", "Ma'rib", "city", "YE", 15.46, 45.32, 16_000)
    gaz.arabic_speaking = {"YE"}
    assert accepts(arab_town, 4.0, True, gaz, name="مأرب")
    assert not accepts(arab_town, 4.8, True, gaz, name="البيضاء")


def test_seed_article_places(gaz):
    text = (SEEDS / "003_33e639d76b9b0804.txt").read_text(encoding="utf-8")
    found = {(r.place.kind, r.place.country) for r in resolve(text, gaz).places}
    assert {("country", "KP"), ("country", "RU"), ("city", "KP"), ("city", "KR")} <= found


def test_common_noun_with_article_names_no_small_town():
    gaz = Gazetteer()
    village = Place("geonames:9", "Az Ziyarah", "city", "SY", 35.0, 36.0, 6_000)
    gaz.arabic_speaking = {"SY"}
    assert not accepts(village, 4.46, True, gaz, name="الزيارة")


def test_demonym_wins_over_a_namesake_town(gaz):
    text = "قال المتحدث باسم الجيش الليبي إن القوات دخلت بنغازي"
    result = resolve(text, gaz)
    assert [r.place.name for r in result.places] == ["Benghazi"]
    assert ("الليبي", "LY", "demonym") in [(a.span.text, a.actor, a.kind) for a in result.actors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "قصف الجيش الإسرائيلي غزة ورفح ونابلس وجنين والخليل",
            {"Gaza", "Rafaḩ", "Nablus", "Janīn", "Hebron"},
        ),
        ("أطلقت صواريخ على حيفا وعسقلان وسديروت", {"Haifa", "Ashkelon", "Sderot"}),
        ("غارات على صنعاء والحديدة ومأرب في اليمن", {"Sanaa", "Al Ḩudaydah", "Ma'rib", "Yemen"}),
        ("قصفت القوات الروسية خاركيف وأوديسا وأعلنت كييف", {"Kharkiv", "Odesa", "Kyiv"}),
        ("قتل جنديان في هجوم بولاية شرناق قرب بلدة سيلوبي", {"Şırnak", "Silopi"}),
        ("اشتباكات في جيزرة وسروج جنوب تركيا", {"Cizre", "Suruç", "Turkey"}),
        ("هجوم على قافلة عسكرية قرب أغاديز شمال النيجر", {"Agadez", "Niger"}),
        ("وسيطرت المقاومة على مدينة لودر في محافظة أبين", {"Lawdar", "Abyan Governorate"}),
        ("وتقدمت القوات الكردية نحو رأس العين شمال سوريا", {"Ra’s al ‘Ayn", "Syria"}),
        ("وتتهم واشنطن طهران بإجراء تجارب في منشأة بارشين", {"Parchin Military Complex", "Washington", "Tehran"}),
    ],
)
def test_towns_of_the_regions_news_covers(gaz, text, expected):
    assert {r.place.name for r in resolve(text, gaz).places} == expected


def test_nearby_towns_are_context():
    # جنين ("fetus") is a common word: Jenin only beside other Palestinian towns
    gaz = default_gazetteer()
    assert names("تحدث الطبيب عن صحة الجنين وجنين", gaz) == []
    assert ("Janīn", "PS") in names("اقتحمت القوات نابلس وجنين في الضفة الغربية", gaz)


@pytest.mark.parametrize(("word", "proper"), [("غزة", True), ("إدلب", True), ("صور", False), ("الزيارة", False)])
def test_is_proper_name(word, proper):
    assert is_proper_name(word) is proper


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أعلنت الجزائر وتونس والكويت", [("Algeria", "country"), ("Tunisia", "country"), ("Kuwait", "country")]),
        ("وصل الوزير إلى مدينة تونس", [("Tunis", "city")]),
        ("وصل إلى العاصمة الجزائر", [("Algiers", "city")]),
    ],
)
def test_country_and_capital_of_one_name(gaz, text, expected):
    assert [(r.place.name, r.place.kind) for r in resolve(text, gaz).places] == expected


def test_broken_plural_demonyms(gaz):
    text = "قال الروس والأتراك والأمريكان إن الألمان"
    assert [a.actor for a in resolve(text, gaz).actors] == ["RU", "TR", "US", "DE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bashar, not Béchar (Algeria)
        ("قال الرئيس السوري بشار الأسد إن دمشق لن تتراجع", {"Damascus"}),
        # بحري "naval", not Khartoum North
        ("وقال قائد القوات البحرية في السودان إن الأسطول البحري جاهز", {"Sudan"}),
        # سلطات "authorities", not Settat
        ("أعلنت السلطات في المغرب فتح تحقيق", {"Morocco"}),
        # القائم بالأعمال "chargé d'affaires", not Al-Qaim; الباب "the door", not Al-Bab
        ("وقال القائم بأعمال السفارة في بغداد إن الباب مفتوح", {"Baghdad"}),
    ],
)
def test_common_words_in_their_countries_are_not_towns(gaz, text, expected):
    assert {r.place.name for r in resolve(text, gaz).places} == expected


@pytest.mark.parametrize(
    "text",
    [
        "قال الوزير جون أوستن إن المحادثات انتهت",  # a surname after a given name, not Austin, Texas
        "وصرح المسؤول شهريار رستمي للصحفيين",  # a given name that is also a town's name
        "أفادت وكالة الأنباء القطرية (قنا) بأن الوفد غادر",  # an abbreviation in brackets, not Qina
        "تعاقدت البحرية على فرقاطة من طراز فريم",  # a model's name after طراز
        "عبر شارع بغداد في المدينة",  # a street named after a city
    ],
)
def test_names_of_people_models_and_streets_are_not_places(gaz, text):
    assert names(text, gaz) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصلت الطائرة إلى شهريار غرب طهران", ["Shahrīār", "Tehran"]),  # a word places it
        ("الجزائر - أعلنت وزارة الدفاع عن صفقة", ["Algiers"]),  # a dateline names the city
        ("أعلنت الجزائر عن صفقة", ["Algeria"]),  # elsewhere the shared name is the country
        ("أطلقت صواريخ على حيفا", ["Haifa"]),  # على is no given name (علي)
    ],
)
def test_places_next_to_name_words_when_the_text_places_them(gaz, text, expected):
    assert [name for name, _ in names(text, gaz)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word that says the name is a town or district vouches for a name that is also a common word
        ("وقعت اشتباكات قرب مدينة العقبة أمس", ("Aqaba", "JO")),
        ("سقطت قذائف على مدينة تدمر ليلا", ("Tadmur", "SY")),
        # ... and a village of the gazetteer, its country unnamed
        ("شنت الطائرات غارات على مدينة معرة النعمان فجرا", ("Ma‘arrat an Nu‘mān", "SY")),
        # ... and so does the adjective of the town's country, after a proper name
        ("وصلت التعزيزات إلى درعا السورية", ("Dar‘ā", "SY")),
        # a name in brackets after a word that places it is no abbreviation
        ("رست السفن في (طرطوس) صباحا", ("Ţarţūs", "SY")),
        # a capital named by a proper name, with its country unnamed
        ("انعقدت جولة المفاوضات في فيينا", ("Vienna", "AT")),
    ],
)
def test_words_around_a_name_that_vouch_for_it(gaz, text, expected):
    assert expected in names(text, gaz)


@pytest.mark.parametrize(
    "text",
    [
        "أشاد الخطيب بتضحيات أبناء الثورة السورية",  # a common noun before the adjective names no town
        "وقالت وكالة الأنباء القطرية (قنا) إن الوفد غادر",  # an abbreviation in brackets
    ],
)
def test_adjectives_and_abbreviations_vouch_for_no_common_word(gaz, text):
    assert [n for n in names(text, gaz) if n[0] not in ("Qatar",)] == []


@pytest.mark.parametrize(
    "text",
    [
        "نشر المعهد ورقة بحثية عن الأزمة",  # و + رقة: a word, not Raqqa
        "وقعت شركة أصفهان للصلب عقدا جديدا",  # a company's name
        "وصرح موشي كوهين للصحفيين",  # a given name, not Moshi
        "وقال المتحدث إنه لا بأس بتأجيل الاجتماع",  # a set phrase
    ],
)
def test_words_names_and_companies_are_not_places(gaz, text):
    assert names(text, gaz) == []


def test_a_title_before_a_place_is_no_given_name(gaz):
    # أمير (prince, emir) is a title: the town after it is a place
    assert ("Sharjah", "AE") in names("استقبل أمير الشارقة الوفد الزائر", gaz)


def test_a_towns_port_and_airport_are_places_of_their_own(gaz):
    found = resolve("أغلقت السلطات ميناء الحديدة ومطار صنعاء بعد القصف على صنعاء", gaz).places
    kinds = sorted((r.place.kind, r.mentions[0].text) for r in found)
    assert kinds == [("city", "صنعاء"), ("facility", "ميناء الحديدة"), ("facility", "ومطار صنعاء")]
    sanaa = next(r.place for r in found if r.place.kind == "city")
    airport = next(r.place for r in found if r.mentions[0].text == "ومطار صنعاء")
    assert (airport.lat, airport.lon) == (sanaa.lat, sanaa.lon) and airport.id != sanaa.id
    assert airport.name.endswith("airport")
    # a facility the gazetteer knows is that facility, not its town's
    assert [r.place.id for r in resolve("هبطت في قاعدة حميميم الجوية", gaz).places] == ["curated:hmeimim-air-base"]


def test_city_word_names_namesakes_as_the_context_says(gaz):
    # GeoNames names Zanzibar "مدينة زنجبار"; in a Yemeni context the town is Zinjibar
    assert ("Zinjibār", "YE") in names("تقدمت القوات نحو مدينة زنجبار في جنوب اليمن", gaz)
    assert ("Zanzibar", "TZ") in names("وصل السياح إلى مدينة زنجبار في تنزانيا", gaz)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سقطت قذائف في عمران شمال صنعاء", [("‘Amrān", "YE"), ("Sanaa", "YE")]),
        ("وصرح عمران خان للصحفيين", []),
        ("تظل القضايا الشائكة بلا حل", []),  # a word as written, not a near miss of الشارقة
        ("لا يمكن مواجهة السطوة الاقتصادية", []),
    ],
)
def test_towns_named_like_words_and_given_names(gaz, text, expected):
    assert names(text, gaz) == expected


def test_villages_need_their_country_and_a_proper_name(gaz):
    village = Place("geonames:1", "Kafr Test", "city", "SY", 35.0, 36.5, 800)
    assert not accepts(village, 1.0, False, gaz, name="كفرتست")  # its country unnamed
    assert accepts(village, 1.0, True, gaz, name="كفرتست")
    assert not accepts(village, 3.0, True, gaz, name="الحصون")  # a common noun (forts)


def test_villages_where_arabic_is_spoken_are_in_the_gazetteer(gaz):
    assert any(p.country == "SY" and p.population < 5000 for p in gaz.lookup("كفر ناسج"))


def test_a_common_word_is_no_spelling_variant(gaz):
    # بقائه (his survival) reads like بجاية by its skeleton
    assert names("يسعى النظام إلى ضمان بقائه في الحكم", gaz) == []


def test_a_seat_of_power_is_a_place_only_where_a_word_places_it(gaz):
    speaking = resolve("ورد الكرملين على العقوبات بحزم", gaz)
    assert speaking.places == () and [a.actor for a in speaking.actors] == ["RU"]
    assert [r.place.id for r in resolve("عقد الاجتماع في الكرملين", gaz).places] == ["curated:moscow-kremlin"]


def test_a_town_standing_for_a_government_is_a_place_and_the_state(gaz):
    said = resolve("وردت تل أبيب على الانتقادات بلهجة حادة", gaz)
    assert [r.place.name for r in said.places] == ["Tel Aviv"]
    assert [(a.actor, a.kind) for a in said.actors] == [("IL", "capital")]


def test_a_town_named_like_a_person_in_a_list_of_places(gaz):
    assert ("‘Amrān", "YE") in names("امتدت المواجهات في اليمن إلى صعدة وعمران", gaz)


def test_a_prominent_town_with_a_short_name_needs_its_country(gaz):
    assert ("Qom", "IR") in names("عاد رجال الدين في إيران إلى قم بعد الاجتماع", gaz)
    assert names("قم بواجبك ثم عد إلى البيت", gaz) == []


@pytest.mark.parametrize("text", ["وقالت صوفيا إنها ستعود", "وقال هاميلتون إن السباق كان صعبا"])
def test_capitals_named_like_people_need_their_country(gaz, text):
    assert names(text, gaz) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("وصل المدربون إلى مالي الأسبوع الماضي.", [("Mali", "ML")]),
    ("تقاتل الجماعة في شمال مالي منذ سنوات.", [("Mali", "ML")]),
    ("زار الوزير النيجر ومالي.", [("Niger", "NE"), ("Mali", "ML")]),
    # the adjective "financial" after a noun is no country
    ("تواجه الحكومة عجزا ماليا ووضع مالي صعب.", []),
    ("قدمت المنظمة دعم مالي للاجئين.", []),
])
def test_a_country_named_by_a_common_word_is_placed_by_the_word_before(gaz, text, expected):
    assert names(text, gaz) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("وعقدت الجولة الأخيرة من المحادثات في جنيف.", "Geneva"),
    ("والتقى الرئيسان في سوتشي على البحر الأسود.", "Sochi"),
    ("ونظرت محكمة العدل الدولية في لاهاي في الدعوى.", "The Hague"),
])
def test_towns_of_talks_are_taken_without_their_country(gaz, text, expected):
    assert expected in [name for name, _ in names(text, gaz)]


def test_a_village_is_in_the_country_of_the_province_named_as_holding_it():
    text = "وقتل العشرات جراء قصف قرية قصر البريج بريف حلب الشرقي، فيما قال مسؤولون في طهران إن الوفد وصل إلى سوريا."
    places = extract_article(Article("t", text), default_resources()).places
    assert {p.place.country for p in places} == {"SY", "IR"}
    assert "Tehran" in {p.place.name for p in places}


def test_a_district_named_before_its_town_is_in_the_town_s_country():
    text = "وقصف الطيران أهدافا أخرى في همدان بمدينة الحزم عاصمة الجوف أمس."
    places = extract_article(Article("t", text), default_resources()).places
    assert {p.place.country for p in places} == {"YE"}


def test_a_town_in_the_province_referred_to_by_its_kind_is_in_that_province_s_country():
    text = "وشن طيران التحالف نحو 20 غارة على محافظة مأرب، واستهدفت الغارات مواقع في منطقة الفاو بالمحافظة."
    places = extract_article(Article("t", text), default_resources()).places
    assert {p.place.country for p in places} == {"YE"}


@pytest.mark.parametrize(("text", "countries"), [
    # the newspaper a source spoke to, quoted after لـ, is no place
    ("وقال مصدر عسكري لـ«الرياض» إن القوات تقدمت في عدن.", {"YE"}),
    ('وقالت مصادر عسكرية ل"الرياض" إن المقاومة تقدمت في عدن.', {"YE"}),
    # a quoted town reached is one
    ("ووصل الوفد إلى «الرياض» أمس قادما من عدن.", {"SA", "YE"}),
])
def test_a_quoted_newspaper_told_something_is_no_place(text, countries):
    places = extract_article(Article("t", text), default_resources()).places
    assert {p.place.country for p in places} == countries
