import re

import pytest

from geomap.annotate.gazetteer import Gazetteer
from geomap.extraction.events import date_interval, extract_events, find_triggers
from geomap.model import ActorMention, Article, ArticlePlaces, Place, ResolvedPlace, Span
from geomap.pipeline import extract_article
from geomap.resources import Resources, default_resources

PLACES = {
    "طهران": Place("t:tehran", "Tehran", "city", "IR", 35.69, 51.42),
    "دمشق": Place("t:damascus", "Damascus", "city", "SY", 33.51, 36.29),
    "بيونغ يانغ": Place("t:pyongyang", "Pyongyang", "city", "KP", 39.03, 125.75),
    "صنعاء": Place("t:sanaa", "Sanaa", "city", "YE", 15.35, 44.21),
    "الحديدة": Place("t:hodeidah", "Hodeidah", "city", "YE", 14.80, 42.95),
    "البحر الأحمر": Place("t:red-sea", "Red Sea", "region", "", 20.0, 38.5),
    "موسكو": Place("t:moscow", "Moscow", "city", "RU", 55.75, 37.62),
    "واشنطن": Place("t:washington", "Washington", "city", "US", 38.90, -77.04),
    "إيران": Place("country:IR", "Iran", "country", "IR", 32.0, 53.0),
    "سوريا": Place("country:SY", "Syria", "country", "SY", 35.0, 38.0),
    "روسيا": Place("country:RU", "Russia", "country", "RU", 60.0, 90.0),
    "كوريا الشمالية": Place("country:KP", "North Korea", "country", "KP", 40.0, 127.0),
    "اليمن": Place("country:YE", "Yemen", "country", "YE", 15.5, 47.5),
    "الإمارات": Place("country:AE", "United Arab Emirates", "country", "AE", 24.0, 54.0),
    "أبوظبي": Place("t:abu-dhabi", "Abu Dhabi", "city", "AE", 24.47, 54.37),
    "نيويورك": Place("t:new-york", "New York", "city", "US", 40.71, -74.01),
    "الرياض": Place("t:riyadh", "Riyadh", "city", "SA", 24.69, 46.72),
    "الدوحة": Place("t:doha", "Doha", "city", "QA", 25.29, 51.53),
    "قاعدة حميميم": Place("t:hmeimim", "Hmeimim Air Base", "facility", "SY", 35.40, 35.95),
    "اللاذقية": Place("t:latakia", "Latakia", "city", "SY", 35.53, 35.79),
    "بنغازي": Place("t:benghazi", "Benghazi", "city", "LY", 32.12, 20.07),
    "أوديسا": Place("t:odesa", "Odesa", "city", "UA", 46.48, 30.73),
    "سبها": Place("t:sabha", "Sabha", "city", "LY", 27.04, 14.43),
    "غريان": Place("t:gharyan", "Gharyan", "city", "LY", 32.17, 13.02),
    "دبي": Place("t:dubai", "Dubai", "city", "AE", 25.20, 55.27),
    "مصر": Place("country:EG", "Egypt", "country", "EG", 27.0, 30.0),
    "القاهرة": Place("t:cairo", "Cairo", "city", "EG", 30.04, 31.24),
    "تركيا": Place("country:TR", "Turkey", "country", "TR", 39.0, 35.0),
    "أنقرة": Place("t:ankara", "Ankara", "city", "TR", 39.93, 32.86),
    "معرة النعمان": Place("t:maarat", "Maarat al-Numan", "city", "SY", 35.65, 36.68),
    "ريف إدلب": Place("t:idlib-gov", "Idlib Governorate", "region", "SY", 35.80, 36.60),
    "جبل الأكراد": Place("t:jabal-akrad", "Jabal al-Akrad", "region", "SY", 35.75, 36.15),
    "درعا": Place("t:daraa", "Daraa", "city", "SY", 32.62, 36.10),
    "قندهار": Place("t:kandahar", "Kandahar", "city", "AF", 31.61, 65.71),
}
ACTORS = {
    "الروسي": "RU", "روسي": "RU", "الإيرانية": "IR", "الإيراني": "IR", "إيرانية": "IR", "الأمريكية": "US",
    "السوري": "SY", "الحوثي": "YE", "كوري شمالي": "KP", "الكورية الشمالية": "KP", "الإماراتية": "AE",
}
CAPITALS = {"IR": "طهران", "SY": "دمشق", "KP": "بيونغ يانغ", "YE": "صنعاء", "RU": "موسكو", "US": "واشنطن",
            "AE": "أبوظبي", "SA": "الرياض", "QA": "الدوحة", "EG": "القاهرة", "TR": "أنقرة"}


def _gazetteer():
    return Gazetteer(places={p.id: p for p in PLACES.values()},
                     capitals={code: PLACES[name].id for code, name in CAPITALS.items()})


def _spans(text, surface):
    return [Span(m.start(), m.end(), m.group()) for m in re.finditer(rf"(?<!\w)[وبل]?{re.escape(surface)}", text)]


def _places(text):
    """What resolution would find: every place and actor word of the tables above."""
    found, taken = [], []
    for surface in sorted(PLACES, key=len, reverse=True):
        spans = [s for s in _spans(text, surface) if not any(s.start < e and b < s.end for b, e in taken)]
        if spans:
            taken += [(s.start, s.end) for s in spans]
            found.append(ResolvedPlace(PLACES[surface], tuple(spans)))
    actors = []
    for surface in sorted(ACTORS, key=len, reverse=True):
        for s in _spans(text, surface):
            if not any(s.start < e and b < s.end for b, e in taken):
                taken.append((s.start, s.end))
                actors.append(ActorMention(s, ACTORS[surface], "demonym"))
    return ArticlePlaces(places=tuple(found), actors=tuple(actors))


def events_of(text, published=None):
    article = Article(id="t", text=text, published=published)
    events = extract_events(article, _places(text), Resources.load(gazetteer=_gazetteer()))
    for event in events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text
    return events


def test_houthi_attack_on_a_ship_in_the_red_sea():
    text = ("أعلنت جماعة الحوثي يوم الثلاثاء 12 ديسمبر 2023 أنها شنت هجوما صاروخيا على سفينة تجارية "
            "في البحر الأحمر قبالة الحديدة.")
    [event] = events_of(text, "2023-12-13")
    assert event.type == "attack"
    assert event.place.name == "Hodeidah"  # the sea narrowed by the port named next
    assert (event.date_start, event.date_end) == ("2023-12-12", "2023-12-12")
    assert "YE" in event.actors


def test_summit_in_tehran_dated_yesterday():
    text = "استضافت طهران أمس قمة ثلاثية جمعت رؤساء إيران وروسيا وتركيا لبحث الأزمة السورية."
    [event] = events_of(text, "2022-07-20")
    assert (event.type, event.place.name, event.date_start) == ("summit", "Tehran", "2022-07-19")
    assert {"IR", "RU"} <= set(event.actors)


def test_russian_delegation_in_damascus_told_in_two_sentences_is_one_visit():
    text = ("وصل وفد روسي رفيع المستوى إلى دمشق يوم الأحد في زيارة تستمر يومين، التقى خلالها مسؤولين سوريين.\n"
            "وبحث الوفد خلال الزيارة التعاون العسكري بين البلدين.")
    [event] = events_of(text, "2024-02-12")
    assert (event.type, event.place.name) == ("visit", "Damascus")
    assert event.date_start == "2024-02-11"
    assert "RU" in event.actors


def test_sanctions_on_iranian_drone_makers_are_placed_at_the_target():
    text = "فرضت وزارة الخزانة الأمريكية يوم الخميس عقوبات جديدة على شركات إيرانية تصنع الطائرات المسيرة."
    [event] = events_of(text, "2023-02-03")
    assert event.type == "sanction"
    assert event.place.country == "IR"
    assert event.date_start == "2023-02-02"


def test_missile_test_in_north_korea():
    text = ("أطلقت كوريا الشمالية صاروخا باليستيا عابرا للقارات صباح الأربعاء من قرب بيونغ يانغ، "
            "في أحدث تجربة صاروخية هذا العام.")
    [event] = events_of(text, "2023-07-12")
    assert (event.type, event.place.name, event.date_start) == ("test", "Pyongyang", "2023-07-12")


def test_visit_is_placed_at_the_destination_not_the_visitors_country():
    text = "شارك وفد من روسيا في معرض سوريا للطيران الذي احتضنته دمشق الأسبوع الماضي."
    [event] = events_of(text, "2024-04-29")
    assert event.place.name == "Damascus"
    assert event.type == "visit"
    assert date_interval(event.date_start)[0].month == 4


def test_country_only_is_placed_at_its_capital():
    text = "وزار وزير الخارجية الإيراني مصر بين 8 و10 مارس الماضي."
    [event] = events_of(text, "2023-05")
    assert (event.place.name, event.date_start, event.date_end) == ("Cairo", "2023-03-08", "2023-03-10")


def test_headline_and_body_make_one_event():
    text = ("زيارة وفد روسي لسوريا تثير التساؤلات\n\n"
            "دمشق - شارك وفد من روسيا في منتدى احتضنته دمشق في 14 مارس 2024، في زيارة غير معتادة.\n"
            "وتحدثت تقارير عن أن وفدا من روسيا يجري زيارة غير معتادة لسوريا.")
    events = events_of(text, "2024-03-15")
    assert [(e.type, e.place.name) for e in events] == [("visit", "Damascus")]
    assert events[0].evidence.text.startswith("دمشق - شارك")


def test_same_place_different_months_are_two_events():
    text = ("وزار وزير الخارجية الإيراني دمشق بين 4 و6 مارس 2023 وأجرى لقاءات مع قادة الجيش.\n"
            "ووصلت طائرة شحن إيرانية إلى دمشق في 2 أبريل 2023 دون إعلان مسبق.\n"
            "وفي مايو 2018 نقلت طائرة مساعد وزير الخارجية إلى دمشق لعقد مشاورات.")
    events = events_of(text, "2023-04")
    assert [(e.type, e.date_start) for e in events] == [
        ("visit", "2023-03-04"), ("flight", "2023-04-02"), ("flight", "2018-05")]
    assert events[2].status == "historical"


def test_dated_denial_is_an_event_and_is_placed_with_the_speaker():
    text = "ونفى الناطق باسم الجيش السوري اليوم الاثنين تلك المزاعم."
    [event] = events_of(text, "2024-04-29")
    assert (event.type, event.place.name, event.date_start) == ("denial", "Damascus", "2024-04-29")
    assert event.status == "asserted"


def test_date_after_since_does_not_date_the_event():
    text = "وزار وفد صيني بيونغ يانغ، وهو أول وفد منذ إغلاق الحدود على إثر جائحة كورونا عام 2020."
    [event] = events_of(text, "2023-08")
    assert event.date_start is None


@pytest.mark.parametrize(
    "text",
    [
        "زيارات وتفاهمات (سرية)",  # a section heading
        "وتقول واشنطن إن موسكو تزود دمشق بالأسلحة، لكن البلدين نفيا ذلك.",  # no state named as who denies
        "وهددت واشنطن يوم الاثنين بفرض عقوبات على طهران.",  # a threat is no sanction imposed
        "ويقدر خبراء ما يصل إلى المسلحين في صنعاء بعشرات الأطنان.",  # "what reaches" names no place after it
        "وتخضع إيران لعقوبات دولية منذ سنوات.",  # being under sanctions is not an imposition
        "وأضاف أن القمة كانت ناجحة.",  # refers back to nothing
        "وصل عدد القتلى إلى 20 شخصا.",  # "arrive" with no place
        "وقام في زيارة نادرة بتوقيع اتفاقات.",  # a visit with no place and no date
        "ويعتقد أن إيران أجرت تجارب صاروخية عدة.",  # repeated tests, undated
        "اقرأ أيضًا| رئيس الإمارات ووزير الخارجية المصري يبحثان في القاهرة تطوير العلاقات",
        "وقال الوزير في دمشق يوم الاثنين في معرض حديثه عن الأزمة إن الحل سياسي.",  # "in the course of"
        "وشن الوزير في طهران يوم الاثنين هجوما حادا على المعارضة.",  # a verbal attack
        "وتسلم الرئيس الجديد منصبه في صنعاء يوم الاثنين.",  # taking office is no transfer
    ],
)
def test_not_events(text):
    assert events_of(text, "2024-04-29") == ()


def test_without_publication_date_relative_dates_stay_empty():
    text = "وصل وفد روسي إلى دمشق الأسبوع الماضي في زيارة رسمية."
    [event] = events_of(text, None)
    assert event.place.name == "Damascus"
    assert event.date_start is None and event.date_end is None


def test_triggers_find_clitic_forms_and_definiteness():
    text = "وبحث الوفد خلال الزيارة وقبيل القمة ملف الشحنة."
    found = [(t.type, t.definite) for t in find_triggers(default_resources(), text, Span(0, len(text), text))]
    assert ("visit", True) in found
    assert ("summit", True) in found
    assert ("shipment", True) in found


def test_events_are_in_text_order_and_deterministic():
    text = ("شنت روسيا غارات بطائرات وصواريخ على أوكرانيا في أواخر الشهر الماضي ردا على قصف مستودعاتها في اللاذقية.\n"
            "وصل وفد روسي إلى طهران في 3 مايو 2024 في زيارة رسمية.")
    first = events_of(text, "2024-05-10")
    assert first == events_of(text, "2024-05-10")
    assert [e.evidence.start for e in first] == sorted(e.evidence.start for e in first)
    assert ("attack", "Latakia") in [(e.type, e.place.name if e.place else None) for e in first]
    assert ("visit", "Tehran") in [(e.type, e.place.name) for e in first]


def test_sanctions_are_placed_at_the_party_named_after_the_word():
    text = "وكانت واشنطن قد فرضت الشهر الماضي عقوبات جديدة على شبكة تهريب تزود اليمن بأسلحة."
    [event] = events_of(text, "2024-01-17")
    assert (event.type, event.place.name, event.date_start) == ("sanction", "Sanaa", "2023-12")


def test_transfer_is_placed_with_the_receiving_party():
    text = "وأفادت لندن بأن الجيش السوري تسلم طائرات مسيرة إيرانية الصنع خلال الشهر الماضي."
    [event] = events_of(text, "2022-09")
    assert (event.type, event.place.name, event.date_start) == ("transfer", "Damascus", "2022-08")


def test_article_without_full_stops_keeps_its_body_lines():
    text = ("زيارة روسية إلى دمشق\n"
            "وصل وفد روسي إلى دمشق يوم الأحد 3 سبتمبر 2023 في زيارة رسمية\n"
            "وقالت مصادر إن الوفد بحث التعاون العسكري")
    [event] = events_of(text, "2023-09-05")
    assert (event.type, event.place.name, event.date_start) == ("visit", "Damascus", "2023-09-03")
    assert event.evidence.text.startswith("وصل وفد")


def test_interception_at_sea_is_a_shipment():
    text = ("قالت البحرية الأمريكية إنها اعترضت سفينة شراعية في البحر الأحمر تحمل أجزاء صواريخ إيرانية "
            "كانت متجهة إلى اليمن، في 11 يناير.")
    [event] = events_of(text, "2024-02")
    assert (event.type, event.place.name, event.date_start) == ("shipment", "Red Sea", "2024-01-11")


def test_a_flight_word_beats_a_loose_arrival_phrase():
    text = "ووصلت طائرتان عسكريتان روسيتان إلى دمشق في 12 أبريل 2024."
    [event] = events_of(text, "2024-04-16")
    assert (event.type, event.place.name) == ("flight", "Damascus")


def test_a_statement_reporting_an_event_is_not_an_event_of_its_own():
    text = "وقال المتحدث في بيان يوم الثلاثاء إن الجماعة شنت هجوما على سفينة في البحر الأحمر."
    assert [e.type for e in events_of(text, "2024-01-17")] == ["attack"]
    alone = "وأصدرت الخارجية الإيرانية بيانا يوم الثلاثاء أدانت فيه العقوبات."
    assert [(e.type, e.place.name) for e in events_of(alone, "2024-01-17")] == [("statement", "Tehran")]


def test_an_announced_visit_takes_the_date_next_to_it():
    text = "وأعلنت الخارجية يوم الاثنين أن الوزير سيزور دمشق الشهر المقبل."
    [event] = events_of(text, "2024-04-29")
    assert (event.type, event.place.name, event.date_start) == ("visit", "Damascus", "2024-05")


def test_undated_denial_is_placed_at_the_capital_of_who_denies():
    text = "ونفت وزارة الخارجية الإماراتية أي دور لها في نقل الأسلحة."
    [event] = events_of(text, "2024-05-20")
    assert (event.type, event.place.name, event.date_start) == ("denial", "Abu Dhabi", None)
    assert event.actors[0] == "AE"


def test_undated_denial_said_at_a_named_place_is_placed_there():
    text = "ونفت بعثة إيران في نيويورك صحة التقرير الأمريكي."
    [event] = events_of(text, "2024-05-20")
    assert (event.type, event.place.name, event.actors[0]) == ("denial", "New York", "IR")


def test_one_denial_per_party_and_article():
    text = ("واتهمت واشنطن طهران بتهريب أسلحة إلى اليمن، وهو ما نفته إيران.\n"
            "ونفت وزارة الخارجية الإيرانية هذه الاتهامات مجددا.\n"
            "ونفت روسيا بدورها أي صلة لها بالشحنة.")
    denials = [e for e in events_of(text, "2024-05-20") if e.type == "denial"]
    assert [(e.actors[0], e.place.name) for e in denials] == [("IR", "Tehran"), ("RU", "Moscow")]


def test_launching_missiles_at_a_target_is_an_attack():
    text = "وأطلق الحوثيون عشرة صواريخ على سفينة تجارية في البحر الأحمر يوم الأحد."
    [event] = events_of(text, "2024-01-17")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Red Sea", "2024-01-14")
    launch = "وأطلقت كوريا الشمالية صاروخا باليستيا يوم الاثنين سقط على بعد مئات الكيلومترات."
    assert [e.type for e in events_of(launch, "2024-01-17")] == ["test"]


def test_cargo_flights_are_placed_where_they_land_not_where_they_leave():
    text = "ورصدت مواقع التتبع رحلات شحن عسكرية من قاعدة حميميم في سوريا إلى بنغازي خلال الأسابيع الأخيرة."
    [event] = events_of(text, "2024-03-18")
    assert (event.type, event.place.name) == ("flight", "Benghazi")


def test_a_visit_to_several_places_is_one_event_per_place():
    text = "وزار وزير الخارجية الروسي الرياض والدوحة يوم الأحد."
    assert [(e.type, e.place.name) for e in events_of(text, "2024-05-21")] == [
        ("visit", "Riyadh"), ("visit", "Doha")]
    trip = "وصل وفد روسي إلى سوريا يوم الأحد، والتقى الرئيس السوري في دمشق، وتفقد قاعدة حميميم قرب اللاذقية."
    assert [e.place.name for e in events_of(trip, "2024-05-21")] == ["Damascus", "Hmeimim Air Base"]


def test_the_place_in_the_sentence_beats_the_dateline_and_the_capital():
    text = "موسكو - عقد وزراء دفاع الدول الثلاث يوم الأحد اجتماعا في قاعدة حميميم."
    assert [(e.type, e.place.name) for e in events_of(text, "2024-05-21")] == [("meeting", "Hmeimim Air Base")]
    received = "وتسلم الجيش الروسي الدفعة الأولى من المسيرات يوم الأحد في قاعدة حميميم."
    assert [(e.type, e.place.name) for e in events_of(received, "2024-05-21")] == [("transfer", "Hmeimim Air Base")]


def test_a_place_near_which_something_happens_places_it():
    text = ("واستهدفت غارة جوية ليل السبت مستودعا كبيرا للذخيرة تابعا لفصائل مسلحة موالية لطهران "
            "قرب اللاذقية.")
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name) == ("attack", "Latakia")


def test_goods_that_arrive_are_a_delivery_not_a_visit():
    text = "وكانت الدفعة الأولى من صواريخ الدفاع الجوي قد وصلت إلى دمشق يوم الأحد."
    assert [(e.type, e.place.name) for e in events_of(text, "2024-05-21")] == [("transfer", "Damascus")]
    person = "ووصل وزير الدفاع الروسي إلى دمشق يوم الأحد."
    assert [(e.type, e.place.name) for e in events_of(person, "2024-05-21")] == [("visit", "Damascus")]


def test_a_planned_delivery_or_a_destroyed_cargo_is_no_shipment_of_its_own():
    text = "ووصل وزير الدفاع الروسي إلى دمشق يوم الأحد لبحث تسريع تسليم منظومات الدفاع الجوي."
    assert [e.type for e in events_of(text, "2024-05-21")] == ["visit"]
    hit = "واستهدفت غارة يوم الأحد قافلة قرب اللاذقية، ما أدى إلى تدمير شحنة أسلحة."
    assert [e.type for e in events_of(hit, "2024-05-21")] == ["attack"]


def test_a_future_delivery_is_speculative():
    text = "وستسلم روسيا منظومات الدفاع الجوي إلى الجيش السوري في اللاذقية يوم الخميس المقبل."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("transfer", "Latakia", "2024-05-23")
    assert event.status == "speculative"


def test_a_denial_with_an_object_pronoun_and_a_habitual_denial():
    text = "واتهمت واشنطن طهران بتهريب أسلحة إلى اليمن، وهو ما نفته إيران."
    # the accusation the denial answers is news too
    assert [(e.type, e.place.name) for e in events_of(text, "2024-05-20")] == [
        ("accusation", "Washington"), ("denial", "Tehran")]
    habitual = "وتنفي إيران باستمرار تزويد الحوثيين بالأسلحة."
    assert events_of(habitual, "2024-05-20") == ()


def test_an_event_dated_after_publication_is_speculative():
    text = "ومن المقرر أن يصل وفد روسي إلى دمشق يوم الخميس المقبل."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.date_start, event.status) == ("visit", "2024-05-23", "speculative")


def test_sanction_words_may_stand_four_words_apart():
    text = "وفرضت الولايات المتحدة يوم الاثنين عقوبات على شركات إيرانية."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("sanction", "Tehran", "2024-05-20")


def test_the_subject_after_a_verb_of_receiving_is_the_receiver():
    text = "وتسلمت سوريا من روسيا الدفعة الأولى من منظومات الدفاع الجوي الشهر الماضي."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("transfer", "Damascus", "2024-04")


def test_a_strike_somewhere_in_a_country_stays_at_the_country():
    text = "وقصفت طائرات مسيرة مواقع لجماعات مسلحة في اليمن يوم السبت."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.kind, event.place.country) == ("attack", "country", "YE")


def test_cargo_words_and_a_subject_after_the_place_make_an_arrival_a_delivery():
    text = "ويعتقد أن الدفعة الأولى وصلت إلى الحديدة يوم الأحد."
    assert [e.type for e in events_of(text, "2024-05-21")] == ["transfer"]
    after = "ووصلت إلى الحديدة طائرات مسيرة إيرانية يوم الأحد."
    assert [e.type for e in events_of(after, "2024-05-21")] == ["transfer"]


def test_a_denial_is_placed_where_it_is_said_not_where_the_denied_cargo_goes():
    text = "ونفى مسؤول إيراني يوم الأحد وصول شحنة أسلحة إلى الحديدة."
    events = events_of(text, "2024-05-21")
    denial = next(e for e in events if e.type == "denial")
    assert denial.place.name == "Tehran"
    [shipment] = [e for e in events if e.type in ("shipment", "transfer")]
    assert (shipment.status, shipment.denied_by) == ("speculative", ("IR",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وتوجه وزير الخارجية الإيراني إلى دمشق يوم الجمعة.", ("visit", "Damascus")),
        ("وأسقطت الدفاعات الجوية السورية 5 مسيرات قرب اللاذقية يوم الجمعة.", ("attack", "Latakia")),
        ("وأجرت كوريا الشمالية اختبارا لصاروخ جديد يوم الجمعة.", ("test", "North Korea")),
    ],
)
def test_more_event_words(text, expected):
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وقالت واشنطن إنها ستفرض عقوبات على طهران إذا واصلت تزويد روسيا بالمسيرات.",
        "وفي حال فرضت واشنطن عقوبات على طهران يوم الاثنين سترد إيران.",
    ],
)
def test_sanctions_in_a_condition_are_no_sanctions(text):
    assert [e.type for e in events_of(text, "2024-05-21")] == []


def test_places_in_the_topic_of_a_meeting_are_not_where_it_is_held():
    text = "وتستضيف الرياض الشهر المقبل اجتماعا لوزراء الدفاع لبحث أمن الملاحة في البحر الأحمر."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.status) == ("meeting", "Riyadh", "speculative")


def test_strikes_on_two_places_named_together_are_two_events():
    text = "وشنت مقاتلات أمريكية غارات على مواقع في صنعاء والحديدة يوم الأحد."
    assert [(e.type, e.place.name) for e in events_of(text, "2024-05-21")] == [
        ("attack", "Sanaa"), ("attack", "Hodeidah")]


def test_a_ship_docking_is_a_shipment():
    text = "ورست سفينة شحن روسية في ميناء الحديدة يوم السبت وأفرغت حمولتها."
    assert [(e.type, e.place.name) for e in events_of(text, "2024-05-21")] == [("shipment", "Hodeidah")]


def test_two_deliveries_told_in_one_sentence_keep_their_own_dates():
    text = "وكانت روسيا قد سلمت سوريا منظومات دفاع جوي في مارس 2023، فيما تسلمت إيران مقاتلات في أغسطس الماضي."
    events = events_of(text, "2024-05-21")
    assert [(e.type, e.place.name, e.date_start) for e in events] == [
        ("transfer", "Damascus", "2023-03"), ("transfer", "Tehran", "2023-08")]


def test_missiles_fired_at_targets_in_a_drill_are_a_test():
    text = "وأجرت البحرية الإيرانية مناورات قرب طهران يوم الأحد أطلقت خلالها صواريخ على أهداف بحرية."
    assert [e.type for e in events_of(text, "2024-05-21")] == ["test"]


def test_an_event_placed_nowhere_is_left_out():
    assert events_of("وفي زيارته السابقة في ديسمبر الماضي لم يحصل الوزير على شيء.", "2024-05-21") == ()


def test_goods_arriving_at_a_base_near_a_town_are_placed_at_the_town():
    text = "ووصلت المنظومات إلى قاعدة عسكرية قرب اللاذقية يوم الأحد."
    assert [(e.type, e.place.name) for e in events_of(text, "2024-05-21")] == [("transfer", "Latakia")]


def test_a_negated_denial_is_no_denial():
    assert events_of("ولا تنفي إيران وجود خبراء لها في اليمن.", "2024-05-21") == ()


def test_drones_aiming_at_a_port_is_an_attack_there():
    text = "وقالت السلطات إن مسيرات إيرانية الصنع استهدفت ميناء أوديسا فجر الخميس الماضي."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Odesa", "2024-05-16")


def test_sanctions_aiming_at_companies_are_no_attack():
    text = "واستهدفت العقوبات الأمريكية الجديدة شركات في دبي يوم الثلاثاء."
    assert [e for e in events_of(text, "2024-05-21") if e.type == "attack"] == []


def test_aiming_at_a_goal_is_no_attack():
    text = "وقال محللون إن تركيا استهدفت في السنوات الأخيرة توسيع نفوذها في ليبيا."
    assert events_of(text, "2024-05-21") == ()


def test_plural_strikes_on_a_named_town_are_an_attack_of_the_news_days():
    events = events_of("وشنت طائرات حربية غارات على مدينة الحديدة.", "2024-05-21")
    assert [(e.type, e.place.name, e.date_start, e.date_end) for e in events] == [
        ("attack", "Hodeidah", "2024-05-14", "2024-05-21")]
    events = events_of("وشن الطيران الحربي غارات جوية على مدينة الحديدة.", "2024-05-21")
    assert [(e.type, e.place.name) for e in events] == [("attack", "Hodeidah")]


@pytest.mark.parametrize("text", [
    "وتواصلت الغارات على مدينة الحديدة منذ سنوات.",  # strikes already told: background
    "وتحدثت تقارير عن ضربات في اليمن.",  # a country, no town
])
def test_plural_strikes_without_a_town_or_already_told_make_no_event(text):
    assert events_of(text, "2024-05-21") == ()


def test_fighters_arriving_at_a_camp_near_a_town():
    text = "وقال مسؤول إن مقاتلين أجانب وصلوا الأسبوع الماضي إلى معسكر قرب بلدة سبها."
    [event] = events_of(text, "2024-05-21")
    assert event.type in ("visit", "transfer")  # people arriving, or personnel delivered
    assert event.place.name == "Sabha"
    assert date_interval(event.date_start)[0].month == 5


def test_cargo_planes_landing_over_months_keep_the_range():
    text = "وهبطت طائرات شحن عسكرية في بنغازي بين أغسطس/آب وأكتوبر/تشرين الأول 2023 بحسب بيانات التتبع."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start, event.date_end) == (
        "flight", "Benghazi", "2023-08", "2023-10")


def test_a_seizure_of_arms_is_a_shipment_at_the_town():
    text = "وقالت الشرطة إنها حجزت، الخميس الماضي، كمية كبيرة من الأسلحة والذخائر قرب بلدة غريان."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("shipment", "Gharyan", "2024-05-16")


def test_booking_a_seat_is_no_seizure():
    assert events_of("وحجزت الوزارة مقعدا في الطائرة المتجهة إلى بنغازي يوم الأحد.", "2024-05-21") == ()


def test_strikes_a_weapon_was_used_in_later_are_background():
    text = "واشترى الجيش في سبتمبر 2021 طائرات مسيرة من تركيا، استخدمت لاحقا في ضربات على مدينة بنغازي."
    assert [e for e in events_of(text, "2024-05-21") if e.type == "attack"] == []


def test_a_date_in_a_relative_clause_does_not_date_the_denial():
    text = "ونفت وزارة الدفاع في القاهرة وجود خلل في المنظومات التي تعاقدت عليها مع روسيا عام 2016."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.date_start) == ("denial", None)


def test_a_date_beside_a_statement_does_not_date_the_delivery_it_reports():
    text = "وقالت الخارجية الروسية في بيان يوم 12 مارس 2024 إن موسكو سلمت مصر منظومات دفاع جوي عام 2023."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("transfer", "Cairo", "2023")


def test_a_delivery_is_placed_with_who_receives_not_where_it_comes_from():
    text = "وكانت مصر قد تسلمت من موسكو منظومة دفاع جوي عام 2023."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("transfer", "Cairo", "2023")


def test_the_country_a_delegation_represents_is_not_where_it_goes():
    text = "وأعلنت الوزارة أن وفدا عسكريا روسيا بدأ يوم الأحد زيارة رسمية."
    assert events_of(text, "2024-05-21") == ()


def test_an_agreement_aiming_at_cooperation_is_no_attack():
    assert events_of("ويستهدف الاتفاق تعزيز التعاون العسكري بين القاهرة وأنقرة.", "2024-05-21") == ()


def test_strikes_recalled_in_a_relative_clause_without_a_date_are_background():
    assert events_of("وتأتي هذه الخطوة بعد الضربات التي استهدفت مواقع في الحديدة.", "2024-05-21") == ()


def test_a_boat_seized_off_a_coast_is_placed_in_that_country():
    text = "وأعلنت البحرية الأمريكية أنها اعترضت، ليل السبت، قاربا يحمل شحنة أسلحة قبالة سواحل اليمن."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.country, event.date_start) == ("shipment", "YE", "2024-05-18")


def test_the_capital_of_a_capital_dateline_is_that_city():
    text = "القاهرة - أعلن المتحدث العسكري، الاثنين، أن وزير الدفاع الروسي وصل إلى العاصمة في زيارة تستمر يومين."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("visit", "Cairo", "2024-05-20")


def test_the_capital_named_by_its_state_is_that_states_capital():
    [event] = events_of("القاهرة - وصل وفد روسي إلى العاصمة الإيرانية يوم الأحد.", "2024-05-21")
    assert (event.type, event.place.name) == ("visit", "Tehran")


def test_a_new_capital_is_not_the_dateline_city():
    text = "القاهرة - زار الوزير معرضا للصناعات الدفاعية استضافته العاصمة الجديدة في ديسمبر الماضي."
    assert [e.place.name for e in events_of(text, "2024-05-21")] == []


def test_a_strike_a_weapon_was_used_in_takes_no_date_from_its_purchase():
    text = "واشترى الجيش في سبتمبر 2021 طائرات مسيرة من تركيا، استخدمت لاحقا في ضربة على مدينة بنغازي."
    assert events_of(text, "2024-05-21") == ()


def test_a_weapon_used_in_a_dated_attack_is_an_attack():
    [event] = events_of("واستخدمت روسيا مسيرات إيرانية في هجوم على ميناء أوديسا أمس.", "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Odesa", "2024-05-20")


def test_cargo_planes_described_at_length_land_where_the_text_says():
    text = ("وأظهرت بيانات التتبع أن طائرات شحن عسكرية من طراز إليوشين تابعة لشركة مرتبطة بوزارة الدفاع "
            "هبطت في مطار بنغازي أكثر من عشرين مرة بين أغسطس/آب وأكتوبر/تشرين الأول 2023.")
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.date_start, event.date_end) == (
        "flight", "Benghazi", "2023-08", "2023-10")


def test_a_price_falling_in_a_city_is_no_flight():
    assert events_of("وهبطت قيمة العملة في بنغازي يوم الأحد.", "2024-05-21") == ()


def test_who_denies_inside_a_denial_phrase_is_the_speaker():
    text = "ونفى الجيش الإيراني صحة تقارير عن صفقة أسلحة مع روسيا."
    [event] = events_of(text, "2024-05-21")
    assert (event.type, event.place.name, event.actors[0]) == ("denial", "Tehran", "IR")


def test_a_denial_made_in_a_statement_keeps_the_statements_date():
    text = "ونفت طهران في بيان يوم الثلاثاء أن تكون قد سلمت الحوثيين صواريخ."
    events = events_of(text, "2024-05-21")
    assert [(e.type, e.place.name, e.date_start) for e in events if e.type == "denial"] == [
        ("denial", "Tehran", "2024-05-21")]


def test_a_handing_over_is_never_placed_with_the_giver():
    text = "ونفت موسكو في بيان يوم الثلاثاء أن تكون قد سلمت مصر مقاتلات حديثة."
    assert [e for e in events_of(text, "2024-05-21") if e.type == "transfer" and e.place.name == "Moscow"] == []


def test_missiles_aiming_at_a_town_after_a_long_subject_are_an_attack():
    [event] = events_of("واستهدفت صواريخ أطلقها الحوثيون مدينة الحديدة يوم الاثنين.", "2024-05-21")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Hodeidah", "2024-05-20")


def test_a_statement_issued_by_a_ministry_is_no_seizure():
    text = "وقال بيان صادر عن وزارة الدفاع في طهران يوم الأحد إن الأسلحة الروسية فعالة."
    assert [e.type for e in events_of(text, "2024-05-21") if e.type == "shipment"] == []


def test_visit_to_states_listed_after_each_of_is_one_visit_per_state():
    # "كلا من" lists where the visit goes; it names no origin
    text = "ذكرت وكالة رسمية أمس الأحد أن وزير الدفاع التركي سيزور ابتداء من الغد كلا من مصر وإيران واليمن."
    events = events_of(text, "2021-03-15")
    assert sorted(e.place.country for e in events) == ["EG", "IR", "YE"]
    assert all(e.type == "visit" and e.date_start == "2021-03-14" for e in events)


def test_negated_delivery_and_refused_talks_are_no_events():
    assert events_of("أكد المسؤول أن موسكو لن تسلم دمشق أي منظومات جديدة هذا العام.", "2020-05-02") == ()
    assert events_of("قال الوزير في طهران يوم الاثنين إن بلاده لن تجري أي مباحثات مع واشنطن.", "2020-05-02") == ()


def test_kidnapping_is_an_attack_at_its_scene():
    text = "اختطف مسلحون مجهولون يوم الثلاثاء ثلاثة مهندسين قرب بنغازي."
    [event] = events_of(text, "2019-02-14")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Benghazi", "2019-02-12")


def test_battle_for_a_town_is_an_attack_there_but_not_a_battle_for_a_country():
    [event] = events_of("وتتواصل منذ أسابيع معركة سبها بين الجيش ومجموعات مسلحة.", "2019-02-14")
    assert (event.type, event.place.name) == ("attack", "Sabha")
    assert events_of("وقال إن الطائرات المسيرة استخدمت الشهر الماضي في معركة اليمن.", "2019-02-14") == ()


def test_foiled_smuggling_is_a_shipment_where_its_announcer_is():
    text = "وكانت أبوظبي أعلنت السبت الماضي إحباط محاولة تهريب كمية من الذخائر والصواعق عبر البحر."
    [event] = events_of(text, "2018-11-07")
    assert (event.type, event.place.country, event.date_start) == ("shipment", "AE", "2018-11-03")


def test_strategic_dialogue_is_a_meeting():
    text = "انطلقت اليوم الأربعاء في الرياض جولة جديدة من الحوار الاستراتيجي بين البلدين."
    [event] = events_of(text, "2017-05-10")
    assert (event.type, event.place.name, event.date_start) == ("meeting", "Riyadh", "2017-05-10")


def test_repeated_visits_are_no_single_visit():
    text = "زار المبعوث الأممي المنطقة مرات عدة، وتوقف في القاهرة وأنقرة."
    assert events_of(text, "2017-05-10") == ()


def test_talks_placed_after_a_long_relative_clause():
    text = ("وانتهت المحادثات التي أجراها رئيس الوزراء الروسي ونظيره الإيراني بمشاركة عدد كبير من المستشارين "
            "في موسكو أمس بتوقيع اتفاقيتين.")
    [event] = events_of(text, "2021-09-09")
    assert (event.type, event.place.name, event.date_start) == ("meeting", "Moscow", "2021-09-08")


def test_a_visit_asked_for_is_no_visit():
    assert [e for e in events_of("وطلب الوزير خلال الاتصال زيارة خبراء إلى الحديدة.", "2021-09-09")
            if e.type == "visit"] == []


def test_undated_news_of_the_opening_sentence_is_dated_by_the_days_before_publication():
    text = "فرضت واشنطن عقوبات على ثلاث شركات في دبي بتهمة نقل معدات إلى طهران.\nوقال مسؤول إن القرار جاء بعد تحقيق."
    [event] = events_of(text, "2019-06-12")
    assert (event.type, event.place.name) == ("sanction", "Dubai")
    assert (event.date_start, event.date_end) == ("2019-06-05", "2019-06-12")


def test_a_visit_told_as_under_way_is_dated_by_publication():
    text = ("اجتمع وزراء خارجية دول الخليج في الرياض يوم الأحد.\n"
            "من جهة أخرى، يقوم وزير الخارجية الإيراني الموجود حاليا في دمشق بزيارة تستمر ثلاثة أيام.\n"
            "ويقوم الوفد السوري بزيارة إلى القاهرة تستمر يومين.")
    events = {e.place.name: e for e in events_of(text, "2019-06-12")}
    assert (events["Damascus"].type, events["Damascus"].date_start) == ("visit", "2019-06-05")
    # a visit told as made, with no date of its own, at a named town: news of the week before publication
    assert (events["Cairo"].date_start, events["Cairo"].date_end) == ("2019-06-05", "2019-06-12")


def test_an_announcement_dated_on_its_own_is_a_statement_where_its_speaker_is():
    text = "أعلنت وزارة الدفاع الروسية يوم الأربعاء أن التدريبات المشتركة ستتوسع لتشمل وحدات بحرية."
    [event] = events_of(text, "2020-10-16")
    assert (event.type, event.place.name, event.date_start) == ("statement", "Moscow", "2020-10-14")
    assert event.actors[0] == "RU"


def test_accusation_with_an_object_pronoun():
    text = "وانتقد المتحدث باسم الخارجية الإيرانية في طهران يوم الأحد تصريحات المبعوث واتهمه بإشعال التوتر في المنطقة."
    [event] = events_of(text, "2020-10-20")
    assert (event.type, event.place.name, event.date_start) == ("accusation", "Tehran", "2020-10-18")


def test_announced_foiling_is_dated_by_its_announcement():
    text = "وكانت أبوظبي أعلنت يوم السبت الماضي إحباط تهريب شحنة من الذخائر إلى اليمن."
    [event] = events_of(text, "2018-11-07")
    assert (event.type, event.date_start) == ("shipment", "2018-11-03")


def test_a_statement_is_not_dated_by_what_it_announces_for_later():
    text = "أعلنت موسكو في بيان أن التدريبات البحرية مع طهران ستجري في ديسمبر المقبل."
    assert [e for e in events_of(text, "2020-10-16") if e.type == "statement"] == []


def test_export_restrictions_and_arms_embargoes_are_sanctions():
    text = "قالت الحكومة إن أنقرة ستفرض قيودا على تصدير المسيرات اعتبارا من 1 نوفمبر المقبل."
    [event] = events_of(text, "2020-10-14")
    assert (event.type, event.place.country, event.date_start) == ("sanction", "TR", "2020-11-01")
    text = "وطالبت الحكومة في صنعاء مجلس الأمن برفع حظر السلاح المفروض على اليمن منذ عام 2015."
    [event] = events_of(text, "2020-10-14")
    assert (event.type, event.place.country) == ("sanction", "YE")


def test_leaving_a_capital_heading_for_another_is_a_visit_to_the_second():
    text = "وغادر وزير الخارجية التركي أنقرة صباح الأحد متوجها إلى الرياض في جولة خليجية."
    events = events_of(text, "2016-02-09")
    assert [(e.type, e.place.name, e.date_start) for e in events] == [("visit", "Riyadh", "2016-02-07")]


def test_a_delegation_leaving_a_city_is_not_there():
    text = "وذكر مسؤول أن السفير غادر القاهرة ليكون عضوا في وفد الوساطة."
    assert [e for e in events_of(text, "2016-02-09") if e.place is not None and e.place.name == "Cairo"] == []


def test_extradition_is_no_delivery():
    text = "وطالبت القاهرة أنقرة بتسليم المتهمين في القضية في مارس الماضي."
    assert [e for e in events_of(text, "2016-05-09") if e.type == "transfer"] == []


def test_an_undated_visit_to_a_state_named_right_after_its_verb():
    text = "وتحدث المسؤول عن تعاون أوسع.\nوأضاف أن الملف سيطرح عندما يزور رئيس الوزراء المصري تركيا قريبا."
    [event] = events_of(text, "2016-05-09")
    assert (event.type, event.place.country, event.date_start) == ("visit", "TR", None)
    # a visit told back ("تلك الزيارة") or several visits place nothing without a date
    assert events_of("وقال إن تلك الزيارة إلى تركيا كانت مثمرة.", "2016-05-09") == ()


def test_an_event_dated_after_the_date_named_before_it():
    text = "قصفت الطائرات ميناء الحديدة في مارس 2022.\nوبعد شهرين استهدفت غارة جديدة مطار صنعاء."
    events = {e.place.name: e for e in events_of(text, "2023-01-10")}
    assert (events["Hodeidah"].type, events["Hodeidah"].date_start) == ("attack", "2022-03")
    assert (events["Sanaa"].type, events["Sanaa"].date_start) == ("attack", "2022-05")


def test_a_state_read_as_an_adjective_after_ila_is_where_the_visit_goes():
    text = "وصل وزير الخارجية الياباني إلى السعودية صباح اليوم في زيارة تستمر يومين."
    start = text.index("السعودية")
    places = ArticlePlaces(places=(), actors=(ActorMention(Span(start, start + 8, "السعودية"), "SA", "demonym"),))
    saudi = Place("country:SA", "Saudi Arabia", "country", "SA", 24.0, 45.0)
    gazetteer = Gazetteer(places={**{p.id: p for p in PLACES.values()}, saudi.id: saudi},
                          capitals={code: PLACES[name].id for code, name in CAPITALS.items()})
    article = Article(id="t", text=text, published="2018-03-04")
    events = extract_events(article, places, Resources.load(gazetteer=gazetteer))
    assert [(e.type, e.place.country, e.date_start) for e in events] == [("visit", "SA", "2018-03-04")]


def test_expanded_sanctions_are_sanctions():
    text = "وسعت واشنطن أمس نطاق عقوباتها على شركات في دبي."
    [event] = events_of(text, "2019-06-12")
    assert (event.type, event.place.name, event.date_start) == ("sanction", "Dubai", "2019-06-11")


def test_taking_control_of_a_town_is_an_attack_there():
    text = "وسيطرت قوات المعارضة يوم الجمعة على مدينة اللاذقية بعد معارك عنيفة."
    [event] = events_of(text, "2016-06-20")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Latakia", "2016-06-17")
    text = "وبدأ الجيش صباح أمس اقتحام مدينة سبها."
    [event] = events_of(text, "2016-06-20")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Sabha", "2016-06-19")
    # control of a situation, not of a place
    assert events_of("وقال إن الحكومة سيطرت على الوضع يوم الجمعة.", "2016-06-20") == ()


def test_an_event_word_inside_a_quoted_name_is_no_event():
    text = "وأعلنت جماعة «جبهة تحرير غريان» يوم الأحد تشكيل مجلس جديد."
    assert [e for e in events_of(text, "2016-06-20") if e.type == "attack"] == []


def test_heading_for_the_city_of_dated_talks_is_the_same_stay():
    text = ("وعقدت في الدوحة أمس محادثات بين الوفدين.\n"
            "وأكد الوزير الذي توجه إلى الدوحة على رأس الوفد أن الجولة كانت مثمرة.")
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2016-06-20")] == [
        ("meeting", "Doha", "2016-06-19")]


def test_a_date_in_the_topic_of_a_visit_does_not_date_the_visit():
    text = "تتواصل المشاورات بين البلدين.\nووصل الوزير إلى دمشق لتفعيل اتفاقيات وقعت عام 2009."
    [event] = events_of(text, "2016-06-20")
    # the arrival, told as done with no date of its own, is news of the week before publication
    assert (event.type, event.place.name, event.date_start, event.date_end) == (
        "visit", "Damascus", "2016-06-13", "2016-06-20")


def test_an_undated_visit_told_as_done_in_the_body_is_recent_news():
    text = ("وتناولت الصحف ملف التسلح في المنطقة.\n"
            "وأجرى وزير الدفاع الباكستاني محادثات مطولة في أنقرة مع نظيره التركي.")
    [event] = events_of(text, "2019-03-10")
    assert (event.type, event.place.name, event.date_start, event.date_end) == (
        "meeting", "Ankara", "2019-03-03", "2019-03-10")


def test_a_visit_told_in_the_present_tense_is_not_dated_as_recent_news():
    text = "وتناولت الصحف ملف التسلح في المنطقة.\nومن المنتظر أن يزور الوزير الباكستاني أنقرة لبحث الصفقة."
    [event] = events_of(text, "2019-03-10")
    assert (event.type, event.place.name, event.date_start) == ("visit", "Ankara", None)


def test_a_date_beyond_what_is_denied_is_not_the_denial_date():
    text = "ونفت أنقرة أن تكون قواتها شنت هجوما على مواقع في سوريا عام 2019."
    denials = [e for e in events_of(text, "2020-06-20") if e.type == "denial"]
    assert [(e.place.name, e.date_start) for e in denials] == [("Ankara", None)]


def test_a_date_of_the_main_clause_does_not_date_an_accusation_in_a_relative_clause():
    text = "وفي عام 2018 انسحبت الجماعة التي اتهمتها واشنطن بتهريب الأسلحة من مدينة سبها."
    assert [e for e in events_of(text, "2020-06-20") if e.type == "accusation"] == []


def test_a_clause_opened_by_when_after_a_comma_is_another_happening():
    text = "ففي 2015 وقعت القاهرة اتفاقية، وعندما أعلنت أنقرة نيتها شراء مسيرات احتجت دمشق."
    assert events_of(text, "2020-06-20") == ()


def test_pushing_a_batch_of_equipment_into_a_country_is_a_transfer_there():
    text = "تتواصل المعارك في الشمال.\nوزجت موسكو أمس بدفعة جديدة من المعدات العسكرية في سوريا."
    [event] = events_of(text, "2017-03-02")
    assert (event.type, event.place.country, event.date_start) == ("transfer", "SY", "2017-03-01")
    text = "سلمت موسكو دمشق أمس دفعة جديدة من المعدات العسكرية."
    assert [(e.type, e.place.name) for e in events_of(text, "2017-03-02")] == [("transfer", "Damascus")]
    # a man thrown into prison is no delivery
    assert events_of("وزج به أمس في سجن بدمشق بعد محاكمة سريعة.", "2017-03-02") == ()


def test_a_strike_on_a_depot_is_at_the_base_not_where_it_is_announced():
    text = ("استهدفت طائرات مسيرة ليل الأحد مستودعا للذخيرة في قاعدة حميميم قرب اللاذقية، "
            "بحسب ما أعلنت وزارة الدفاع في موسكو.")
    [event] = events_of(text, "2024-02-14")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Hmeimim Air Base", "2024-02-11")


def test_a_seizure_at_sea_is_at_sea_not_in_the_seizing_or_sending_state():
    text = "ضبطت البحرية الأمريكية يوم الخميس شحنة أسلحة إيرانية في البحر الأحمر كانت متجهة إلى اليمن."
    [event] = events_of(text, "2024-02-14")
    assert (event.type, event.place.name, event.date_start) == ("shipment", "Red Sea", "2024-02-08")


def test_two_strikes_told_in_one_sentence_keep_their_places_and_dates():
    text = "قصفت طائرات حربية مطار دمشق يوم الاثنين، فيما شنت مقاتلات غارة على سبها يوم الثلاثاء."
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-02-14")] == [
        ("attack", "Damascus", "2024-02-12"), ("attack", "Sabha", "2024-02-13")]


def test_the_sentence_that_dates_an_event_is_its_evidence_over_the_opening_news():
    text = ("وصل وفد عسكري روسي إلى دمشق في زيارة رسمية.\n"
            "وكان الوفد قد وصل إلى دمشق يوم 2 مارس 2024 قادما من موسكو.")
    [event] = events_of(text, "2024-03-10")
    assert (event.type, event.place.name, event.date_start, event.date_end) == (
        "visit", "Damascus", "2024-03-02", "2024-03-02")
    assert "2 مارس 2024" in event.evidence.text


def test_a_strike_on_a_town_named_before_its_province_is_at_the_town():
    text = "أصيب ثلاثة أطفال أمس في قصف مدفعي على بلدة معرة النعمان في ريف إدلب الجنوبي."
    [event] = events_of(text, "2024-05-02")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Maarat al-Numan", "2024-05-01")


def test_a_raid_verb_on_a_town_is_an_attack_there():
    text = "أغارت مقاتلات حربية فجر الأحد على معرة النعمان وسط صمت رسمي."
    [event] = events_of(text, "2024-05-07")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Maarat al-Numan", "2024-05-05")


@pytest.mark.parametrize("text", [
    "لقي ثلاثة رعاة مصرعهم بعدما قتلوا بنيران مجهولين قرب مدينة قندهار يوم الأحد.",
    "وأصيب عامل إغاثة بنيران قناص في قندهار يوم الأحد.",
])
def test_killed_or_wounded_by_fire_is_an_attack(text):
    [event] = events_of(text, "2024-06-04")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Kandahar", "2024-06-02")


@pytest.mark.parametrize("verb", ["سيطر", "استولى"])
def test_taking_a_hill_located_in_a_region_is_an_attack_there(verb):
    text = f'{verb} مسلحون معارضون فجر الأربعاء على تلة "الصنوبر" الواقعة في جبل الأكراد.'
    [event] = events_of(text, "2024-06-07")
    assert (event.type, event.place.name, event.date_start) == ("attack", "Jabal al-Akrad", "2024-06-05")


def test_a_town_far_from_a_region_told_later_is_another_attack():
    text = "سيطر مسلحون أمس على تلة الصنوبر الواقعة في جبل الأكراد. وكان هجوم على بلدة درعا قد فشل."
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-06-07")] == [
        ("attack", "Jabal al-Akrad", "2024-06-06"), ("attack", "Daraa", "2024-05-31")]


def test_an_undated_strike_on_a_town_in_the_body_is_news_of_the_days_before_publication():
    text = "تتواصل المواجهات في اليمن منذ أشهر.\nوقصفت طائرات حربية مواقع للمسلحين في الحديدة وسط مخاوف من موجة نزوح."
    [event] = events_of(text, "2021-10-20")
    assert (event.type, event.place.name) == ("attack", "Hodeidah")
    assert (event.date_start, event.date_end) == ("2021-10-13", "2021-10-20")


@pytest.mark.parametrize("text, place", [
    # a region: still news of the days before publication
    ("تتواصل المواجهات منذ أشهر.\nوقصفت طائرات حربية مواقع للمسلحين في محافظة الحديدة وسط مخاوف من موجة نزوح.",
     "Al Hudaydah Governorate"),
    ("تتواصل المواجهات منذ أشهر.\nوقصفت طائرات حربية مواقع للمسلحين في محافظة مأرب.", "Marib Governorate"),
])
def test_an_undated_strike_on_a_region_is_news_of_the_days_before_publication(text, place):
    [event] = extract_article(Article("t", text, published="2021-10-20"), default_resources()).events
    assert (event.type, event.place.name) == ("attack", place)
    assert (event.date_start, event.date_end) == ("2021-10-13", "2021-10-20")


@pytest.mark.parametrize("text", [
    # in the future tense, told as a tally of strikes, or referred back to: no date is guessed
    "تتواصل المواجهات في اليمن منذ أشهر.\nوستقصف الطائرات مواقع المسلحين في الحديدة إن لم ينسحبوا.",
    "تتواصل المواجهات في اليمن منذ أشهر.\nوشنت الطائرات عشرات الغارات على مدينة الحديدة وسط مخاوف من موجة نزوح.",
    "تتواصل المواجهات في اليمن منذ أشهر.\nوأدان الوزير هذا القصف على الحديدة وسط مخاوف من موجة نزوح.",
])
def test_undated_strikes_that_are_not_told_as_recent_news_stay_undated(text):
    assert all(e.date_start is None for e in events_of(text, "2021-10-20"))


def test_a_state_across_the_border_is_not_where_the_blast_is():
    assert [(e.type, e.place.name) for e in events_of("وفي 4 مايو وقع تفجير انتحاري في سوق بلدة نائية في اليمن.",
                                                      "2024-05-09")] == [("attack", "Yemen")]
    assert events_of("وفي 4 مايو وقع تفجير انتحاري في سوق بلدة نائية على الحدود مع اليمن.", "2024-05-09") == ()


def test_the_members_of_a_body_are_not_where_it_meets():
    def events_of(text, published):
        return extract_article(Article("t", text, published=published), default_resources()).events

    met = events_of("وشارك الوزير أمس في الرباط في اجتماع لوزراء خارجية الاتحاد المغاربي الذي يضم المغرب والجزائر"
                    " وتونس.", "2024-05-09")
    assert [(e.type, e.place.name) for e in met] == [("meeting", "Rabat")]
    assert events_of("وشارك الوزير أمس في اجتماع لوزراء خارجية الاتحاد المغاربي الذي يضم المغرب والجزائر وتونس.",
                     "2024-05-09") == ()


@pytest.mark.parametrize("year, kept", [("2010", False), ("2023", True)])
def test_what_was_said_years_before_is_no_news(year, kept):
    text = f"وأعلنت الحكومة الليبية في طرابلس عام {year} وقف العمليات العسكرية في الجنوب."
    events = extract_article(Article("t", text, published="2024-05-09"), default_resources()).events
    assert [(e.type, e.date_start) for e in events] == ([("statement", year)] if kept else [])


def test_strikes_on_two_nearby_towns_are_two_strikes():
    text = "وقصفت الطائرات الحربية مدينة الرستن أمس. وفي سياق متصل قصفت المدفعية مدينة تلبيسة بعشرات القذائف."
    events = extract_article(Article("t", text, published="2024-05-09"), default_resources()).events
    assert [(e.type, e.place.name) for e in events] == [("attack", "Ar Rastan"), ("attack", "Tallbīsah")]


@pytest.mark.parametrize("text, types", [
    ("وسلمت القوات الأمريكية المتهمة إلى السلطات الكردية في أربيل أمس.", []),
    ("وسلم الجيش الفرنسي قاعدته في تمبكتو إلى الجيش المالي أمس.", []),
    ("وسلمت القوات الأمريكية شحنة أسلحة إلى السلطات الكردية في أربيل أمس.", ["shipment"]),
])
def test_handing_over_is_a_transfer_only_of_goods(text, types):
    events = extract_article(Article("t", text, published="2024-05-09"), default_resources()).events
    assert [e.type for e in events] == types


@pytest.mark.parametrize("when, kept", [("عام 2018", False), ("في يوليو 2018", True), ("عام 2023", True)])
def test_a_happening_dated_by_an_old_year_alone_is_background(when, kept):
    text = f"وكانت طائرة روسية قد نقلت {when} وفدا عسكريا إلى بانغي."
    events = extract_article(Article("t", text, published="2024-05-09"), default_resources()).events
    assert bool(events) is kept


def test_aircraft_deployed_at_a_base_are_a_transfer_there():
    text = "وأعلنت البعثة الأمريكية أمس أن الولايات المتحدة نشرت ست مقاتلات في قاعدة أنغرليك بجنوب تركيا."
    events = extract_article(Article("t", text, published="2024-05-09"), default_resources()).events
    assert [(e.type, e.place.name) for e in events] == [("transfer", "Incirlik Air Base")]


def test_who_announces_a_strike_is_not_where_it_struck():
    assert events_of("قتل جنديان في ضربة جوية يوم الاثنين قرب الحدود، بحسب ما أعلنت موسكو.", "2024-05-09") == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("أصيب مدنيون في قصف على صنعاء يوم الاثنين، إذ سبقته غارة على الحديدة في الشهر الماضي.",
     [("attack", "Sanaa", "2024-05-06"), ("attack", "Hodeidah", "2024-04")]),
    ("قتل مسلحان الأسبوع الماضي في ضربة جوية على اللاذقية، إذ قتل ثلاثة آخرون في شهر مارس الماضي بضربة مماثلة "
     "قرب اللاذقية.",
     [("attack", "Latakia", "2024-05-02"), ("attack", "Latakia", "2024-03")]),
])
def test_a_clause_opened_by_idh_tells_another_strike_with_its_own_date(text, expected):
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-05-09")] == expected


def test_a_counted_number_of_strikes_is_no_single_strike():
    text = "بدأت الحملة منذ مدة، وشنت الطائرات خلالها أكثر من 900 ضربة على مواقع في اليمن."
    assert events_of(text, "2024-05-09") == ()
    text = "تتواصل المواجهات في اليمن منذ أشهر.\nوشنت الطائرات أكثر من 40 غارة على مدينة الحديدة."
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-05-09")] == [
        ("attack", "Hodeidah", None)]


def test_a_date_in_a_relative_clause_set_off_by_commas_dates_that_clause():
    text = "تتواصل المشاورات منذ أشهر.\nوكان الوزير، الذي تولى منصبه العام الماضي، في رحلة إلى اللاذقية."
    # not last year: the trip has no date of its own, so it is news of the week before publication
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-03-10")] == [
        ("flight", "Latakia", "2024-03-03")]


def test_a_town_taken_before_by_a_unit_is_its_record_not_news():
    text = "وصلت كتيبة جديدة أمس إلى الجبهة، وهي الكتيبة التي سبق لها اقتحام مدينة غريان."
    assert not [e for e in events_of(text, "2024-03-10") if e.type == "attack"]


def test_an_opening_ceremony_attended_by_delegations_is_news_of_the_opening_sentence():
    text = "بمشاركة وفود من عدة دول، جرى حفل تدشين المرفأ في بنغازي وسط إجراءات أمنية مشددة."
    assert [(e.type, e.place.name, e.date_start, e.date_end) for e in events_of(text, "2024-03-10")] == [
        ("meeting", "Benghazi", "2024-03-03", "2024-03-10")]


def test_a_delivery_told_as_expected_is_no_event():
    text = ("وتسلمت سوريا أول دفعة من المنظومات في مارس الماضي، ومن المرتقب تسليم الدفعة الأخيرة في اللاذقية "
            "في مايو المقبل.")
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-04-01")] == [
        ("transfer", "Damascus", "2024-03")]


def test_a_place_near_which_a_meeting_is_held_is_its_scene_not_an_origin():
    text = "وعقد الوزيران اجتماعا مطولا أمس بالقرب من مدينة اللاذقية."
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-03-10")] == [
        ("meeting", "Latakia", "2024-03-09")]


def test_victims_shared_out_between_towns_make_an_attack_at_each():
    text = "وأصيب سبعة أشخاص في قصف مدفعي يوم الجمعة، أربعة في درعا وثلاثة على مقربة من مدينة اللاذقية."
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-03-10")] == [
        ("attack", "Daraa", "2024-03-08"), ("attack", "Latakia", "2024-03-08")]


def test_a_month_of_what_is_being_prepared_is_the_coming_one():
    text = "وتجري القوات تحضيرات لتجربة صاروخية من قاعدة حميميم في أكتوبر، وفق مصادر عسكرية."
    assert [(e.type, e.place.name, e.date_start, e.status) for e in events_of(text, "2024-07-15")] == [
        ("test", "Hmeimim Air Base", "2024-10", "speculative")]
    # told as done, the same month is the last one
    text = "وأطلقت القوات صاروخا جديدا من قاعدة حميميم في أكتوبر، وفق مصادر عسكرية."
    assert [(e.type, e.date_start) for e in events_of(text, "2024-07-15")] == [("test", "2023-10")]


def test_a_town_after_bi_and_a_kind_of_place_is_the_scene():
    text = ("تتواصل المواجهات منذ أشهر.\nوقصفت الطائرات الحربية صباح أمس مواقع تابعة لفصائل المعارضة المسلحة وعددا من "
            "المستودعات والمقرات القديمة بمدينة درعا.")
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-03-10")] == [
        ("attack", "Daraa", "2024-03-09")]


def test_a_scene_named_after_the_next_event_word_is_that_ones():
    text = ("زار الوزير دمشق في مارس الماضي، وهي الزيارة التي تناولت ملفات اقتصادية، ثم اجتمع بنظيره في مايو "
            "في اللاذقية.")
    assert sorted((e.type, e.place.name, e.date_start) for e in events_of(text, "2024-06-10")) == [
        ("meeting", "Latakia", "2024-05"), ("visit", "Damascus", "2024-03")]


def test_weapons_provided_then_received_in_a_town_are_one_transfer_there():
    text = ("وقدمت الحكومة لرجال العشائر في مطلع الأسبوع الجاري بنادق وذخائر. وأشرف قادة ميدانيون داخل الحديدة "
            "على توزيع البنادق واستلامها.")
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-03-13")] == [
        ("transfer", "Hodeidah", "2024-03-11")]
    assert events_of("وقدم الرئيس التحية إلى الحضور في الحديدة أمس.", "2024-03-13") == ()


def test_the_date_of_a_report_does_not_date_what_it_tells():
    text = ("تتعزز القوات الجوية منذ سنوات.\nوأفادت صحيفة محلية في مارس أن الجيش تسلم ثلاث مروحيات قتالية في "
            "قاعدة حميميم.")
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-06-13")] == [
        ("transfer", "Hmeimim Air Base", None)]
    # said in March, with "قال": the date of the saying dates the delivery it announces
    text = "تتعزز القوات الجوية منذ سنوات.\nوقالت صحيفة محلية في مارس إن الجيش تسلم ثلاث مروحيات في قاعدة حميميم."
    assert [(e.type, e.date_start) for e in events_of(text, "2024-06-13")] == [("transfer", "2024-03")]


def test_an_accusation_answered_by_a_denial_is_news_even_undated():
    text = "تتواصل الأزمة منذ سنوات.\nوتتهم طهران واشنطن بدعم المسلحين في الجنوب، غير أن واشنطن تنفي الاتهامات."
    assert sorted((e.type, e.place.name) for e in events_of(text, "2024-03-10")) == [
        ("accusation", "Tehran"), ("denial", "Washington")]
    # alone, an undated accusation is background
    text = "تتواصل الأزمة منذ سنوات.\nوتتهم طهران واشنطن بدعم المسلحين في الجنوب."
    assert events_of(text, "2024-03-10") == ()


def test_a_demonstrative_after_a_denial_verb_is_its_object_not_a_reference_back():
    text = "تتواصل الأزمة منذ سنوات.\nوتتهم طهران واشنطن بتسليح جماعات معارضة، لكن واشنطن تنفي ذلك."
    assert ("denial", "Washington") in [(e.type, e.place.name) for e in events_of(text, "2024-03-10")]


def test_who_accuses_in_a_relative_clause_is_the_state_before_it():
    text = "تتواصل الأزمة منذ سنوات.\nوانتقد الوزير موقف طهران التي تتهم واشنطن بتسليح المعارضة، فيما تنفي واشنطن ذلك."
    assert sorted((e.type, e.place.name) for e in events_of(text, "2024-03-10")) == [
        ("accusation", "Tehran"), ("denial", "Washington")]


def test_signing_an_agreement_with_someone_is_a_meeting():
    text = "تتواصل الأزمة منذ سنوات.\nووقع الوزير اتفاقا مع نظيره في اللاذقية أمس."
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-03-10")] == [
        ("meeting", "Latakia", "2024-03-09")]
    # a purchase signed with nobody named is no meeting
    assert events_of("تتواصل الأزمة منذ سنوات.\nووقعت الشركة اتفاقية لشراء معدات في عام 2019.", "2024-03-10") == ()


def test_a_state_visited_and_a_town_of_another_clause_are_two_scenes():
    text = ("تتواصل الأزمة منذ سنوات.\nويزور وزير الاقتصاد سوريا منذ أيام، وقد وقعت شركات ترافقه اتفاقا مع "
            "مستثمرين في اللاذقية.")
    assert sorted((e.type, e.place.name) for e in events_of(text, "2024-03-10")) == [
        ("meeting", "Latakia"), ("visit", "Damascus")]


def test_a_delivery_placed_nowhere_of_its_own_is_at_its_recipient():
    text = "وبدأت فرنسا تسليم مصر الدفعة الأولى من مقاتلات رافال الشهر الماضي."
    extraction = extract_article(Article("t", text, published="2024-05-01"), default_resources())
    assert {(f.supplier, f.recipient) for f in extraction.flows} == {("FR", "EG")}
    transfers = [e for e in extraction.events if e.type == "transfer"]
    assert [e.place.country for e in transfers] == ["EG"]


def test_a_delivery_named_by_the_givers_capital_is_at_the_recipient():
    text = "وقالت السفارة إن لندن قامت يوم الجمعة الماضي بتسليم ستة أبراج لدبابات تشالنجر في قاعدة جوية قرب الرباط."
    extraction = extract_article(Article("t", text, published="2024-05-01"), default_resources())
    assert {(f.supplier, f.recipient) for f in extraction.flows} == {("GB", "MA")}
    transfers = [e for e in extraction.events if e.type == "transfer"]
    assert [e.place.name for e in transfers] == ["Rabat"]


def test_a_delivery_on_record_placed_nowhere_of_its_own_is_no_event():
    text = "وكانت فرنسا قد سلمت مصر مقاتلات رافال عام 2015."
    extraction = extract_article(Article("t", text, published="2024-05-01"), default_resources())
    assert {(f.supplier, f.recipient) for f in extraction.flows} == {("FR", "EG")}
    assert [e for e in extraction.events if e.type == "transfer"] == []


@pytest.mark.parametrize(("text", "kind", "country"), [
    # a plural event word with its pronoun, dated
    ("وشنت الطائرات أولى غاراتها على ريف إدلب في العاشر من الشهر الماضي.", "attack", "SY"),
    # a military exercise is a test of forces
    ("وأجرت القوات المصرية مناورات بالذخيرة الحية قرب مرسى مطروح الأسبوع الماضي.", "test", "EG"),
    # a tanker docking at a port delivers its cargo there
    ("ورست ناقلة نفط محملة بالوقود في ميناء بانياس الأحد الماضي.", "shipment", "SY"),
    # twin bombings at a town
    ("وضرب تفجيران مقرا أمنيا في مدينة العريش أمس.", "attack", "EG"),
    # barrel bombs dropped on a town
    ("وألقت المروحيات ستة براميل متفجرة على مدينة الزبداني أمس.", "attack", "SY"),
])
def test_plural_events_with_pronouns_exercises_dockings_and_bombings(text, kind, country):
    events = extract_article(Article("t", text, published="2024-05-10"), default_resources()).events
    assert [(e.type, e.place.country) for e in events if e.type == kind] == [(kind, country)]


@pytest.mark.parametrize(("text", "place"), [
    # shells or rockets falling on a named town are an attack there
    ("وسقطت قذائف صاروخية أمس على مدينة جرابلس.", "Jarābulus"),
    # a town hit by shelling, named as what was hit
    ("وتعرضت ستيباناكيرت لقصف مكثف يوم الأحد الماضي.", "Stepanakert (Khankendi)"),
])
def test_rockets_falling_on_a_town_and_a_town_hit(text, place):
    events = extract_article(Article("t", text, published="2020-10-09"), default_resources()).events
    assert [(e.type, e.place.name) for e in events] == [("attack", place)]


def test_falling_in_an_election_is_no_attack():
    text = "وسقط المرشح في الانتخابات الأخيرة في مدينة حلب."
    assert extract_article(Article("t", text, published="2020-10-09"), default_resources()).events == ()


def test_sanctions_passed_as_a_package_of_them():
    text = "وأقر مجلس الاتحاد في مارس الماضي حزمته الثالثة من العقوبات على بيلاروسيا."
    events = extract_article(Article("t", text, published="2024-05-10"), default_resources()).events
    assert [(e.type, e.place.country, e.date_start) for e in events] == [("sanction", "BY", "2024-03")]


def test_a_summit_named_with_its_pronoun():
    text = "وجاءت الزيارة بعد قمته مع نظيره الفرنسي في جنيف في مارس الماضي."
    events = extract_article(Article("t", text, published="2024-05-10"), default_resources()).events
    assert [(e.type, e.place.name, e.date_start) for e in events] == [("summit", "Geneva", "2024-03")]


def test_a_state_that_says_something_after_a_strike_is_not_where_the_strike_was():
    text = ("تتواصل المواجهات على الحدود.\n"
            "وتعرضت مدينة اللاذقية لقصف عنيف مساء الأحد، فيما قالت أنقرة إن طائراتها استهدفت مواقع للمسلحين.")
    assert [(e.type, e.place.name) for e in events_of(text, "2021-04-06") if e.type == "attack"] == [
        ("attack", "Latakia")]


def test_what_a_claimant_goes_on_to_tell_has_a_scene_of_its_own():
    text = ("تتواصل المواجهات على الحدود.\n"
            "وتعرضت مدينة اللاذقية لقصف عنيف مساء الأحد، فيما أكدت دمشق أن صواريخ سقطت على مدينة درعا.")
    attacks = [(e.type, e.place.name) for e in events_of(text, "2021-04-06") if e.type == "attack"]
    assert ("attack", "Latakia") in attacks
    assert ("attack", "Damascus") not in attacks


def test_the_places_a_meeting_dealt_with_are_not_where_it_was_held():
    text = ("تتواصل المشاورات حول الملف.\n"
            "وفي الرياض، استقبل ولي العهد أمس وفدا من البرلمان الأوروبي، "
            "وتناول اللقاء تطورات الأوضاع في اليمن وسوريا.")
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2022-02-08")] == [
        ("visit", "Riyadh", "2022-02-07")]


def test_states_listed_as_where_delegations_come_from_are_no_scenes():
    text = ("تتواصل الاستعدادات في المنطقة.\n"
            "وشهد المعرض هذا العام حضور وفود عسكرية من عدد من الدول العربية، بينها مصر وتركيا.")
    assert [e.place.name for e in events_of(text, "2023-02-21")] == []
    text = "تتواصل الاستعدادات في المنطقة.\nووصل أمس إلى الرياض وفد من مصر وتركيا لبحث الصفقات."
    assert [(e.type, e.place.name) for e in events_of(text, "2023-02-21")] == [("visit", "Riyadh")]


def test_strikes_the_news_comes_after_are_dated_that_long_before_publication():
    text = "أعلنت البحرية ضبط شحنة.\nويأتي الإعلان بعد يومين من غارات استهدفت مواقع في مدينة الحديدة."
    attacks = [(e.type, e.place.name, e.date_start) for e in events_of(text, "2024-07-16") if e.type == "attack"]
    assert attacks == [("attack", "Hodeidah", "2024-07-14")]


def test_a_when_clause_takes_the_time_of_the_clause_before():
    text = "وتتصاعد الأزمة بين البلدين.\nوكانت العلاقات قد توترت في مارس الماضي، حين زار الوزير الإيراني دمشق."
    assert [(e.type, e.place.name, e.date_start) for e in events_of(text, "2021-06-01")] == [
        ("visit", "Damascus", "2021-03")]


def test_the_places_of_another_reported_clause_are_not_the_scene():
    text = ("تتواصل الضربات في المنطقة.\n"
            "وأشار مسؤولون إلى أن المنشأة تعرضت لغارة في مارس 2019، وأن طهران نقلت بعدها معداتها إلى مكان آخر.")
    assert [(e.type, e.place.name) for e in events_of(text, "2021-06-01") if e.type == "attack"] == []


def test_the_news_of_the_opening_sentence_after_a_dateline_line_is_recent():
    text = ("معرض الدفاع يفتح أبوابه\nالرياض - «خدمة الأخبار»\n"
            "افتتح اليوم في الرياض معرض الدفاع العالمي، في أكبر دورة منذ تأسيس المعرض عام 2001.\n"
            "وتشارك في المعرض شركات من دول عدة.")
    assert [(e.type, e.place.name, e.date_start, e.date_end) for e in events_of(text, "2024-02-08")] == [
        ("exhibition", "Riyadh", "2024-02-01", "2024-02-08")]


def test_goods_arriving_on_a_cargo_plane_are_one_delivery():
    text = ("تسلمت وزارة الدفاع السورية طائرات حربية.\n"
            "وقالت الوزارة إن \"الطائرات وصلت إلى مطار دمشق الدولي على متن طائرة شحن روسية\".")
    assert [(e.type, e.place.country) for e in events_of(text, "2016-03-10")] == [("transfer", "SY")]


def test_the_state_a_deal_is_signed_with_is_no_scene():
    text = "تتواصل المشاورات.\nووقعت مصر أمس اتفاقية للتعاون العسكري مع تركيا."
    assert [(e.type, e.place.name) for e in events_of(text, "2022-07-28")] == [("meeting", "Cairo")]
    # ... while a town named after في still is
    text = "تتواصل المشاورات.\nوعقد وزير الخارجية المصري أمس محادثات مع نظيره في أنقرة."
    assert [(e.type, e.place.name) for e in events_of(text, "2022-07-28")] == [("meeting", "Ankara")]


def test_a_dateline_may_set_its_town_off_with_a_slash():
    text = "زيارة رسمية\nالرياض/ واس\nووصل الوزير الباكستاني أمس إلى العاصمة في زيارة رسمية."
    assert [(e.type, e.place.name) for e in events_of(text, "2022-07-28")] == [("visit", "Riyadh")]


def test_the_state_a_region_borders_is_no_scene():
    text = "وتتواصل المعارك.\nوشن مسلحون أمس هجوما في الإقليم المحاذي لتركيا."
    assert [e.place.name for e in events_of(text, "2019-11-25") if e.type == "attack"] == []


@pytest.mark.parametrize(("text", "expected"), [
    # a town set before the event word by a scene word opening the clause
    ("وفي القاهرة يلتقي الوزير غدا بنظرائه من دول الخليج التي تضم السعودية والكويت.", [("meeting", "EG")]),
    # conflicts talked about are the topic of talks, not where they are held
    ("وأوضح الوزير في مؤتمر صحفي أمس أنه بحث مع نظرائه الصراعات في المنطقة خاصة في سورية واليمن.", []),
])
def test_fronted_scenes_and_topics_of_talks(text, expected):
    events = extract_article(Article("t", text, published="2024-05-10"), default_resources()).events
    assert [(e.type, e.place.country) for e in events if e.type in ("meeting", "visit")] == expected


@pytest.mark.parametrize("text", [
    "وقال الوزير أمس إنه في حال سلمت واشنطن صواريخ إلى كييف فإن موسكو سترد بقوة.",
    "ورفضت ألمانيا الشهر الماضي تسليم أوكرانيا صواريخ توروس.",
    # taking over the security of a town is no delivery
    "وقال مسؤول أمني أمس إن الجيش تسلم تأمين مدينة الإسماعيلية.",
    # a contract for a delivery is no delivery
    "وقال مستشار في الكرملين الشهر الماضي إن روسيا وبيلاروسيا تعدان عقدا لتسليم منظومات دفاع جوي.",
])
def test_a_delivery_in_a_condition_refused_or_contracted_is_no_event(text):
    events = extract_article(Article("t", text, published="2024-05-10"), default_resources()).events
    assert [e for e in events if e.type in ("transfer", "shipment")] == []


def test_barrel_bombs_on_a_town_undated_are_news_of_the_days_before():
    text = "قصفت الطائرات مدينة الرستن أمس. وألقت المروحيات براميل متفجرة على مدينة الزبداني."
    events = extract_article(Article("t", text, published="2015-07-24"), default_resources()).events
    assert [(e.place.name, e.date_start[:7]) for e in events if e.type == "attack"] == [
        ("Ar Rastan", "2015-07"), ("Az Zabadānī", "2015-07")]


@pytest.mark.parametrize("text", [
    "قصفت الطائرات مدينة الرستن أمس. وشهدت مدينة الزبداني غارات عنيفة.",
    "قصفت الطائرات مدينة الرستن أمس. وشن الطيران غارات على مدينة الزبداني.",
    "قصفت الطائرات مدينة الرستن أمس. ودارت اشتباكات عنيفة في مدينة الزبداني بين الطرفين.",
])
def test_strikes_on_a_named_town_undated_are_news_of_the_days_before(text):
    events = extract_article(Article("t", text, published="2015-07-24"), default_resources()).events
    assert [(e.place.name, e.date_start[:7]) for e in events if e.type == "attack"] == [
        ("Ar Rastan", "2015-07"), ("Az Zabadānī", "2015-07")]
