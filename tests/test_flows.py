"""Supply flows: direction, commodity, quantity, transport, ends and stance."""

import pytest

from geomap.extraction.flows import extract_flows, find_commodities, find_quantity
from geomap.model import ActorMention, Article, ArticlePlaces, Place, Quantity, ResolvedPlace, Span
from geomap.pipeline import extract_article
from geomap.resources import default_resources
from geomap.text.document import article_words

# Words that stand for states in the sentences below (what resolution gives).
STATES = {
    "روسيا": ("RU", "country"), "صينية": ("CN", "demonym"), "الإمارات": ("AE", "country"),
    "إيران": ("IR", "country"), "أوكرانيا": ("UA", "country"),
    "كوريا الشمالية": ("KP", "country"), "كوريا الجنوبية": ("KR", "country"),
    "الولايات المتحدة": ("US", "country"), "مصر": ("EG", "country"), "فرنسا": ("FR", "country"),
    "تركيا": ("TR", "country"), "الصين": ("CN", "country"), "ألمانيا": ("DE", "country"),
    "إسرائيل": ("IL", "country"), "سوريا": ("SY", "country"), "الهند": ("IN", "country"),
    "السعودية": ("SA", "country"), "قطر": ("QA", "country"), "الأمريكية": ("US", "demonym"),
    "اليمن": ("YE", "country"), "سوريين": ("SY", "demonym"), "ليبيا": ("LY", "country"), "الجزائر": ("DZ", "country"),
    "واشنطن": ("US", "capital"), "موسكو": ("RU", "capital"), "طهران": ("IR", "capital"),
    "بيونغ يانغ": ("KP", "capital"), "الكرملين": ("RU", "seat"), "الرياض": ("SA", "capital"),
    "أنقرة": ("TR", "capital"), "طرابلس": ("LY", "capital"), "الدنمارك": ("DK", "country"),
    "هولندا": ("NL", "country"), "إيراني": ("IR", "demonym"), "اللبناني": ("LB", "demonym"),
    "الروسي": ("RU", "demonym"), "الروسية": ("RU", "demonym"), "روسية": ("RU", "demonym"), "إيرانية": ("IR", "demonym"),
    "الإيرانية": ("IR", "demonym"), "التركية": ("TR", "demonym"), "الأوكرانية": ("UA", "demonym"),
    "كورية شمالية": ("KP", "demonym"), "أمريكية": ("US", "demonym"), "الكوري الشمالي": ("KP", "demonym"),
    "بيلاروسيا": ("BY", "country"), "باكستان": ("PK", "country"), "السودان": ("SD", "country"),
    "إثيوبيا": ("ET", "country"), "تشاد": ("TD", "country"), "النيجر": ("NE", "country"),
    "بولندا": ("PL", "country"), "المغربي": ("MA", "demonym"), "الإسرائيلية": ("IL", "demonym"),
    "الكويت": ("KW", "country"), "كويتي": ("KW", "demonym"), "الإيطالية": ("IT", "demonym"),
    "البريطانية": ("GB", "demonym"), "الهندية": ("IN", "demonym"), "السوفيتية": ("RU", "demonym"),
    "السوري": ("SY", "demonym"), "الألمانية": ("DE", "demonym"), "الرباط": ("MA", "capital"),
    "الكوريين الشماليين": ("KP", "demonym"),
    "بريطانية": ("GB", "demonym"), "إسرائيلية": ("IL", "demonym"),
    "الصومال": ("SO", "country"), "لبنان": ("LB", "country"), "الأردن": ("JO", "country"),
    "أتراك": ("TR", "demonym"), "مصرية": ("EG", "demonym"), "السورية": ("SY", "demonym"),
    "باماكو": ("ML", "capital"), "تركية": ("TR", "demonym"),
}

TARTUS = Place("curated:tartus-port", "Tartus port", "facility", "SY", 34.89, 35.87, source="test")
GAZA = Place("geonames:281133", "Gaza Strip", "region", "PS", 31.42, 34.37, source="test")
PLACES = {"طرطوس": TARTUS, "غزة": GAZA}


def _find(text: str, surfaces) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for surface in sorted(surfaces, key=len, reverse=True):
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, surface))
            start = text.find(surface, end)
    return sorted(found)


def places_of(text: str) -> ArticlePlaces:
    """The actor mentions and places of ``text``, found by exact search."""
    actors = tuple(ActorMention(Span(s, e, w), *STATES[w]) for s, e, w in _find(text, STATES))
    resolved = {}
    for s, e, w in _find(text, PLACES):
        resolved.setdefault(w, []).append(Span(s, e, w))
    places = tuple(ResolvedPlace(PLACES[w], tuple(spans)) for w, spans in resolved.items())
    return ArticlePlaces(places=places, actors=actors)


def flows_of(text: str, published: str | None = "2024-05-01"):
    article = Article("t", text, published=published)
    flows = extract_flows(article, places_of(text), default_resources())
    for flow in flows:
        assert text[flow.evidence.start:flow.evidence.end] == flow.evidence.text
    return flows


def keys(text: str) -> set[tuple[str, str, str]]:
    return {(f.supplier, f.recipient, f.commodity) for f in flows_of(text)}


def article_keys(text: str) -> set[tuple[str, str, str]]:
    """The (supplier, recipient, commodity) of the flows the whole pipeline finds in ``text``."""
    flows = extract_article(Article("t", text, published="2024-05-01"), default_resources()).flows
    return {(f.supplier, f.recipient, f.commodity) for f in flows}


@pytest.mark.parametrize(
    "text, expected",
    [
        # give: X زوّد Y بـZ
        ("وقالت ألمانيا إنها ستزود أوكرانيا بدبابات ليوبارد.", {("DE", "UA", "vehicles")}),
        ("وأكد مسؤولون أن واشنطن زودت إسرائيل بقنابل.", {("US", "IL", "munitions")}),
        ("اتهامات لبيلاروسيا بتزويد روسيا بكميات ضخمة من القذائف.", {("BY", "RU", "munitions")}),
        # send: X أرسل Z إلى Y, and the double object of سلّم
        ("وأرسلت كوريا الشمالية آلاف الجنود إلى روسيا.", {("KP", "RU", "personnel")}),
        ("وسلمت الولايات المتحدة أوكرانيا أول دفعة من مقاتلات إف-16.", {("US", "UA", "aircraft")}),
        ("وصدرت كوريا الشمالية النفط إلى سوريا.", {("KP", "SY", "oil")}),
        # receive: Y تسلّم Z من X
        ("وتسلمت تركيا منظومة إس-400 من روسيا في يوليو 2019.", {("RU", "TR", "missiles")}),
        ("واشترت مصر 24 مقاتلة رافال من فرنسا.", {("FR", "EG", "aircraft")}),
        ("وقال مسؤولون إن حزب الله تلقى آلاف الصواريخ من إيران.", {("IR", "LB", "missiles")}),
        ("وقالت روسيا إن قوات حفتر تلقت أسلحة من موسكو.", {("RU", "LY", "weapons")}),
        ("وحصلت قطر على مقاتلات إف-15 من الولايات المتحدة.", {("US", "QA", "aircraft")}),
        ("وتم إرسال أسلحة من إيران إلى الحوثيين عبر البحر.", {("IR", "YE", "weapons")}),
        ("وعثر على الأسلحة التي أرسلتها إيران إلى الحوثيين.", {("IR", "YE", "weapons")}),
        ("وأكد أن الدنمارك وهولندا ستسلمان أولى مقاتلات إف-16 إلى أوكرانيا.",
         {("DK", "UA", "aircraft"), ("NL", "UA", "aircraft")}),
        ("ووافقت وزارة الخارجية الأمريكية الشهر الماضي على بيع الرياض نحو 300 صاروخ باتريوت.",
         {("US", "SA", "missiles")}),
        ("وتسلمت تركيا حكومة الوحدة في طرابلس دفعة من المسيرات.", set()),
        ("وسلمت تركيا حكومة الوحدة في طرابلس دفعة من المسيرات.", {("TR", "LY", "drones")}),
        ("ونقلت روسيا نحو 14 مقاتلة من طراز ميغ-29 لدعم قوات حفتر.", {("RU", "LY", "aircraft")}),
        ("وقدمت قطر منحة مالية للجيش اللبناني.", {("QA", "LB", "funds")}),
        # the maker as supplier
        ("وكانت السفينة تحمل مكونات صواريخ باليستية إيرانية الصنع في طريقها إلى الحوثيين.",
         {("IR", "YE", "missiles")}),
        ("واستخدمت القاعدة لنقل عناصر فاغنر إلى ليبيا.", {("RU", "LY", "personnel")}),
        ("ومن المحتمل أن تسعى أنقرة إلى شراء دفعة ثانية من منظومة إس-400، رغم التحذيرات الأمريكية.",
         {("RU", "TR", "missiles")}),
        ("وقال مسؤول إيراني إن بلاده ستتسلم مقاتلات سوخوي 35 الروسية قريبا.", {("RU", "IR", "aircraft")}),
        ("وضبطت البحرية الأمريكية شحنة أسلحة إيرانية كانت في طريقها إلى الحوثيين.", {("IR", "YE", "weapons")}),
        ("وتسلم الجيش الروسي طائرات مسيرة إيرانية الصنع.", {("IR", "RU", "drones")}),
        ("وواجهت روسيا مشاكل مع طائرات شاهد التي اشترتها.", {("IR", "RU", "drones")}),
        ("وتشمل قطع غيار مسيرات شاهد الإيرانية الصنع التي تستعملها القوات الروسية.", {("IR", "RU", "drones")}),
        # named without a verb: a commodity, its maker, a recipient
        ("وتناول الاجتماع المساعدات العسكرية الأمريكية لأوكرانيا.", {("US", "UA", "weapons")}),
        # the subject of a verbal noun follows it, not the speaker before
        ("وحذرت روسيا من عواقب تسليم صواريخ توماهوك الأمريكية لأوكرانيا.", {("US", "UA", "missiles")}),
        ("وعرضت الأسلحة التي حصل عليها الحوثيون من إيران.", {("IR", "YE", "weapons")}),
        # an organisation rooted in one state stands for it
        ("وكشف تقرير أن إيران زودت الحوثيين بطائرات مسيرة وصواريخ باليستية.",
         {("IR", "YE", "drones"), ("IR", "YE", "missiles")}),
        # an exchange gives a flow each way
        ("واتهمت واشنطن إيران بتزويد روسيا بآلاف المسيرات مقابل تكنولوجيا فضائية.",
         {("IR", "RU", "drones"), ("RU", "IR", "technology")}),
        # a reference to a state named before
        ("وقالت كوريا الجنوبية إن جارتها الشمالية شحنت قرابة 5000 حاوية ذخائر إلى روسيا.",
         {("KP", "RU", "munitions")}),
        # coordinated suppliers each supply
        ("وزودت فرنسا وألمانيا أوكرانيا بصواريخ كروز.", {("FR", "UA", "missiles"), ("DE", "UA", "missiles")}),
        # "components for drones" are components
        ("وفرضت عقوبات على شركات صينية تزود روسيا بمكونات للمسيرات.", {("CN", "RU", "technology")}),
        # what components are for is not sent
        ("ويعتقد محللون أن الصين تزود روسيا بمكونات إلكترونية تدخل في صناعة الصواريخ.",
         {("CN", "RU", "technology")}),
        # launchers of missiles are no bombers; a later statement is no part of the list
        ("وقال إن كوريا الشمالية زودت روسيا بقاذفات صواريخ باليستية، مضيفا أن القوات الروسية أطلقت أحدها.",
         {("KP", "RU", "missiles")}),
        # rockets named with artillery shells are munitions
        ("روسيا في طريقها لشراء آلاف الصواريخ وقذائف المدفعية من بيلاروسيا", {("BY", "RU", "munitions")}),
        # a specific class named with "arms" wins over it
        ("وتسعى إيران إلى الحصول من الصين على مساعدات عسكرية، من بينها تكنولوجيا الرادارات.",
         {("CN", "IR", "technology")}),
        # people dispatched, reinforcements, naval vessels, arms named with a possessive pronoun
        ("وأوفدت إيران مئات المقاتلين إلى سوريا.", {("IR", "SY", "personnel")}),
        ("ودفعت السعودية بتعزيزات عسكرية إلى اليمن.", {("SA", "YE", "personnel")}),
        ("وقررت مصر إرسال قطع بحرية إلى اليمن.", {("EG", "YE", "ships")}),
        ("وتستورد السعودية معظم أسلحتها من الولايات المتحدة.", {("US", "SA", "weapons")}),
        # the subject right after a verb of backing, the one backed located in a state
        ("ومولت قطر الجماعات المسلحة في سوريا.", {("QA", "SY", "funds")}),
        ("وتمول إيران الفصائل في سوريا منذ سنوات.", {("IR", "SY", "funds")}),
        # money pumped, loans, money named with arms
        ("وضخت قطر ملايين الدولارات للجماعات المسلحة في سوريا.", {("QA", "SY", "funds")}),
        ("ومنحت السعودية مصر قرضا بقيمة مليار دولار.", {("SA", "EG", "funds")}),
        ("وتمد إيران الجماعات المسلحة في اليمن بالمال والسلاح.", {("IR", "YE", "funds"), ("IR", "YE", "weapons")}),
        # a system named inside the words of a commodity gives its maker
        ("وعقدت الإمارات صفقة مع فرنسا لشراء طائرات رافال.", {("FR", "AE", "aircraft")}),
        # a deal named after a state: it sells to the partner
        ("وتتضمن الصفقة الروسية مع الجزائر مروحيات قتالية.", {("RU", "DZ", "aircraft")}),
        # people of one state in the battles of another
        ("ويشارك مقاتلون أتراك في المعارك الدائرة في ليبيا.", {("TR", "LY", "personnel")}),
        ("ويقاتل مقاتلون أتراك إلى جانب الجيش الليبي في ليبيا.", {("TR", "LY", "personnel")}),
        # the destination named before what arrives
        ("ووصلت إلى اليمن قوات مصرية.", {("EG", "YE", "personnel")}),
    ],
)
def test_direction_and_commodity(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # two countries and weapons, but no transfer
        "وبحث وزيرا خارجية روسيا وإيران التعاون العسكري وصفقات الأسلحة في موسكو.",
        # a condition reports none
        "وقال إنه إذا أرسلت روسيا صواريخ إلى إيران فإن المنطقة ستشتعل.",
        "وفي حال سلمت واشنطن صواريخ إلى أوكرانيا فإن موسكو سترد.",
        # guarding against smuggling reports none
        "وبنت تركيا جدارا لحماية حدودها من تسلل المسلحين وتهريب الأسلحة من سوريا.",
        "وتعهدت فرنسا بمكافحة تهريب الأسلحة إلى ليبيا.",
        "وأطلقت روسيا صواريخ على أوكرانيا.",
        "وقصفت إسرائيل مواقع في سوريا بالصواريخ.",
        # sending what is no commodity
        "وأرسل الرئيس الروسي رسالة إلى نظيره الكوري الشمالي.",
        "وأرسلت بيلاروسيا وفدا يضم مهندسين زراعيين إلى طهران.",
        # negated, hypothetical
        "وقال الكرملين إن روسيا لم تتسلم أي أسلحة من كوريا الشمالية.",
        "وأي مبيعات أسلحة لإيران من الصين ستشكل خرقا للعقوبات الأممية.",
        # the subject of "respond to" does not supply
        "وقال الكرملين إن روسيا سترد على تزويد الغرب أوكرانيا بصواريخ بعيدة المدى.",
        # a deal with a partner names no direction
        "وأبرمت روسيا صفقة أسلحة مع إيران.",
        "وأرسلت قطر مساعدات إنسانية إلى غزة.",
        "وأوفدت روسيا وفدا إلى مصر.",
        "ووصل إلى موسكو وزير الخارجية الإيراني.",
        "وحولت الحرب المدن السورية إلى ركام.",
        # a nationality of people is not a maker
        "وتناولت التقارير مرتزقة سوريين إلى ليبيا.",
        # what is sent is a protest about missiles, not missiles
        "وقدمت روسيا احتجاجا رسميا إلى الولايات المتحدة بشأن نشر صواريخ في أوروبا.",
        "وأرسلت الولايات المتحدة حاملة طائرات إلى الشرق الأوسط ردا على التهديدات الإيرانية.",
        "وتلقى الرئيس الروسي اتصالا هاتفيا من نظيره الكوري الشمالي.",
        # no recipient named
        "وأفادت مصادر بأن أنقرة وفرت قرابة 300 صاروخ.",
        # the user makes the weapon itself
        "وتستخدم روسيا صواريخ روسية الصنع.",
    ],
)
def test_no_flow(text):
    assert flows_of(text) == ()


def test_question_is_speculative():
    (flow,) = flows_of("هل ترسل الصين ذخائر إلى إيران؟")
    assert (flow.supplier, flow.recipient, flow.commodity, flow.status) == ("CN", "IR", "munitions", "speculative")


def test_past_supply_is_historical():
    (flow,) = flows_of('وأضاف أن باكستان "قامت في الماضي بتزويد السعودية بالتكنولوجيا الصاروخية".')
    assert (flow.supplier, flow.recipient, flow.commodity, flow.status) == ("PK", "SA", "technology", "historical")


def test_claimant_and_both_parties_denying():
    text = ("وكشفت مصادر استخباراتية أمريكية أن إيران تزود روسيا بمسيرات هجومية، "
            "لكن البلدين نفيا تلك الأنباء.")
    (flow,) = flows_of(text)
    assert flow.claimed_by == ("US intelligence",)
    assert flow.denied_by == ("IR", "RU")


def test_denial_by_the_supplier():
    (flow,) = flows_of("ونفت الصين تزويد روسيا بأسلحة.")
    assert (flow.supplier, flow.recipient, flow.denied_by) == ("CN", "RU", ("CN",))


def test_denial_of_another_pair_is_not_taken():
    text = ("وأكدت تقارير أن إيران أرسلت صواريخ إلى روسيا، ويُشتبه في أن بيلاروسيا تمد روسيا بقذائف، "
            "لكن البلدين نفيا ذلك.")
    flows = {(f.supplier, f.commodity): f for f in flows_of(text)}
    assert flows["IR", "missiles"].denied_by == ()
    assert flows["BY", "munitions"].denied_by == ("BY", "RU")


def test_quantity_transport_and_dates():
    text = ("وذكرت أوكرانيا أن إيران نقلت أكثر من مليون قذيفة هاون إلى روسيا "
            "منذ حزيران/ يونيو، على متن سفن.")
    (flow,) = flows_of(text, published="2024-04")
    assert flow.quantity == Quantity(1_000_000, "shells", "more_than")
    assert flow.transport == "ship"
    assert (flow.date_start, flow.date_end) == ("2023-06", "2024-04")
    assert flow.claimed_by == ("UA",)


def test_containers_counted_with_about():
    (flow,) = flows_of("وشحنت بيلاروسيا نحو 3000 حاوية ذخائر إلى روسيا.")
    assert flow.quantity == Quantity(3000, "containers", "about")


def test_named_system_and_its_class():
    (flow,) = flows_of("وتستخدم القوات الروسية صواريخ كورية شمالية من طراز KN-23 في ضرب أوكرانيا.")
    assert (flow.supplier, flow.recipient, flow.commodity, flow.weapon) == ("KP", "RU", "missiles", "KN-23")


def test_name_that_is_a_common_word_after_a_weapon_and_its_type():
    words = article_words("ونشروا مدافع ذاتية الحركة من طراز قيصر")
    assert ("munitions", "Caesar") in [(c.commodity, c.weapon) for c in find_commodities(default_resources(), words, 0,
                                                                                              len(words))]


def test_grad_rockets_are_munitions():
    (flow,) = flows_of("وأرسلت روسيا صواريخ غراد إلى سوريا.")
    assert (flow.commodity, flow.weapon) == ("munitions", "Grad")


def test_worth_is_not_funds():
    flows = flows_of("وقدمت الولايات المتحدة لأوكرانيا مساعدات عسكرية بقيمة 60 مليار دولار.")
    assert [(f.supplier, f.recipient, f.commodity) for f in flows] == [("US", "UA", "weapons")]


def test_financial_aid_is_funds():
    flows = flows_of("وقدمت السعودية مساعدات مالية إلى اليمن.")
    assert [(f.supplier, f.recipient, f.commodity) for f in flows] == [("SA", "YE", "funds")]


def test_port_is_the_destination():
    (flow,) = flows_of("وأرسلت روسيا شحنة أسلحة إلى ميناء طرطوس في سوريا.")
    assert (flow.supplier, flow.recipient, flow.destination) == ("RU", "SY", TARTUS)


def test_smuggling_to_a_region():
    (flow,) = flows_of("وتهرب إيران أسلحة إلى غزة عبر سيناء.")
    assert (flow.supplier, flow.recipient, flow.commodity, flow.destination) == ("IR", "PS", "weapons", GAZA)


def test_capital_standing_for_a_state_is_not_a_destination():
    (flow,) = flows_of("وقالت واشنطن إن بيونغ يانغ بدأت تزويد موسكو بقذائف.")
    assert (flow.supplier, flow.recipient, flow.destination, flow.origin) == ("KP", "RU", None, None)
    assert flow.claimed_by == ("US",)


def test_flows_are_in_text_order_and_one_per_key_in_a_sentence():
    text = ("وأرسلت إيران مسيرات إلى روسيا. وأرسلت كوريا الشمالية قذائف إلى روسيا، "
            "وكوريا الشمالية أرسلت قذائف إلى روسيا.")
    flows = flows_of(text)
    assert [(f.supplier, f.commodity) for f in flows] == [("IR", "drones"), ("KP", "munitions")]
    assert flows[0].evidence.start < flows[1].evidence.start


@pytest.mark.parametrize(
    "text, at, unit, expected",
    [
        ("سلمت أكثر من مليون قذيفة", 4, "shells", Quantity(1_000_000, "shells", "more_than")),
        ("أرسلت نحو ٤٠٠ صاروخ", 3, "missiles", Quantity(400, "missiles", "about")),
        ("أرسلت آلاف المسيرات", 2, "drones", Quantity(1000, "drones", "more_than")),
        ("تسلمت قرابة 20 دبابة", 3, "tanks", Quantity(20, "tanks", "about")),
        ("أرسلت عددا كبيرا من الصواريخ", 4, "missiles", None),
        ("أرسلت ١٠ آلاف قذيفة", 3, "shells", Quantity(10_000, "shells", None)),
        ("أرسلت نحو مليوني قذيفة", 3, "shells", Quantity(2_000_000, "shells", "about")),
        ("أرسلت نصف مليون قذيفة", 3, "shells", Quantity(500_000, "shells", None)),
        ("أرسلت ثلاثة ملايين قذيفة", 3, "shells", Quantity(3_000_000, "shells", None)),
        ("تلقت أكثر من 6700 حاوية من الذخائر", 6, "rounds", Quantity(6700, "containers", "more_than")),
        # numbers in words: units, teens in two words, tens joined with و, hundreds, a count of thousands
        ("باعت ثماني مقاتلات", 2, "aircraft", Quantity(8, "aircraft", None)),
        ("باعت نحو خمس عشرة مروحية", 4, "helicopters", Quantity(15, "helicopters", "about")),
        ("باعت ستة وثلاثين صاروخا", 3, "missiles", Quantity(36, "missiles", None)),
        ("باعت أربعمئة مدرعة", 2, "vehicles", Quantity(400, "vehicles", None)),
        ("أرسلت عشرين ألف قذيفة", 3, "shells", Quantity(20_000, "shells", None)),
    ],
)
def test_quantity(text, at, unit, expected):
    assert find_quantity(default_resources(), article_words(text), 1, at, unit) == expected


def test_unsaid_recipient_comes_from_the_sentence_before():
    text = ("ونقلت بلومبرغ أن إيران سلمت كمية كبيرة من الصواريخ قصيرة المدى إلى روسيا. "
            'وأفادت مصادر بأن طهران وفرت قرابة 250 صاروخا من طراز "فاتح - 110".')
    first, second = flows_of(text)
    assert (second.supplier, second.recipient, second.commodity) == ("IR", "RU", "missiles")
    assert second.quantity == Quantity(250, "missiles", "about")
    assert second.weapon == "Fateh-110"
    assert second.evidence.start > first.evidence.start


def test_unsaid_recipient_needs_the_same_supplier_and_class():
    text = "وأرسلت إيران مسيرات إلى روسيا. وقالت تقارير إن كوريا الشمالية وفرت نحو 400 صاروخ."
    assert [(f.supplier, f.commodity) for f in flows_of(text)] == [("IR", "drones")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وتسعى قطر إلى امتلاك منظومة باتريوت. ووقعت الكويت عقدا لشراء منظومة الدفاع الجوي.",
         {("US", "KW", "missiles")}),
        # another class, or systems of two makers: the supplier stays unsaid
        ("وتسعى قطر إلى امتلاك منظومة باتريوت. ووقعت الكويت عقدا لشراء مسيرات.", set()),
        ("وتقارن قطر بين منظومتي باتريوت وإس 400. ووقعت الكويت عقدا لشراء منظومة الدفاع الجوي.", set()),
    ],
)
def test_unsaid_supplier_is_the_maker_of_the_system_named_before(text, expected):
    assert keys(text) == expected


def test_date_of_the_report_is_not_the_date_of_the_flow():
    (flow,) = flows_of("وذكرت رويترز في مارس/آذار أن الصين قدمت مسيرات إلى روسيا.")
    assert (flow.date_start, flow.date_end) == (None, None)
    (flow,) = flows_of("وتسلمت تركيا منظومة إس-400 من روسيا في يوليو 2019.")
    assert (flow.date_start, flow.date_end) == ("2019-07", "2019-07")


def test_the_group_stands_for_the_group_named_before():
    text = "أعلن الحوثيون أنهم أطلقوا صواريخ على سفن، فيما تتهم واشنطن طهران بتزويد الجماعة بهذه الصواريخ."
    (flow,) = flows_of(text)
    assert (flow.supplier, flow.recipient, flow.commodity) == ("IR", "YE", "missiles")
    assert flow.claimed_by == ("US",)  # the claim of that clause only
    assert flow.transport is None  # the ships are targets in another clause


def test_place_left_from_is_the_origin():
    hmeimim = Place("curated:hmeimim", "Khmeimim Air Base", "facility", "SY", 35.4, 35.95, source="test")
    text = "وقالت مصادر إن روسيا نقلت معدات عسكرية من قاعدة حميميم إلى ليبيا."
    places = places_of(text)
    start = text.index("حميميم")
    places = ArticlePlaces(places=(ResolvedPlace(hmeimim, (Span(start, start + 6, "حميميم"),)),),
                           actors=places.actors)
    (flow,) = extract_flows(Article("t", text), places, default_resources())
    assert (flow.supplier, flow.recipient, flow.origin) == ("RU", "LY", hmeimim)


def test_denial_in_a_relative_clause():
    text = "وكشف تقرير أممي أن الإمارات أرسلت أسلحة إلى ليبيا، وهو ما نفته الإمارات."
    (flow,) = flows_of(text)
    assert flow.claimed_by == ("UN",)
    assert flow.denied_by == ("AE",)


def test_clitics_inside_an_actor_span_mark_the_party():
    # resolution may give "لروسيا" as the span of روسيا: the ل still marks the recipient
    text = "وباعت إيران مسيرات لروسيا."
    start = text.index("لروسيا")
    places = ArticlePlaces(places=(), actors=(
        ActorMention(Span(text.index("إيران"), text.index("إيران") + 5, "إيران"), "IR", "country"),
        ActorMention(Span(start, start + 6, "لروسيا"), "RU", "country"),
    ))
    (flow,) = extract_flows(Article("t", text), places, default_resources())
    assert (flow.supplier, flow.recipient) == ("IR", "RU")


def test_supplier_left_unsaid_comes_from_the_sentence_before():
    text = "واشترت تركيا منظومة إس-400 من روسيا. وتسلمت تركيا أولى بطاريات المنظومة في يوليو 2019."
    flows = flows_of(text)
    assert [(f.supplier, f.recipient, f.commodity) for f in flows] == [("RU", "TR", "missiles")] * 2


def test_group_named_with_a_clitic():
    text = "وتدعم إيران حزب الله منذ عقود. ويرى باحث أن طهران تقدم تمويلا سنويا للحزب."
    assert keys(text) == {("IR", "LB", "weapons"), ("IR", "LB", "funds")}


@pytest.mark.parametrize(
    "text, transport",
    [
        ("وأرسلت إيران أسلحة إلى سوريا عبر العراق بالشاحنات.", "road"),
        ("وأرسلت كوريا الشمالية قذائف إلى روسيا بحرا.", "ship"),
        ("وأرسلت كوريا الشمالية قذائف إلى روسيا على متن سفن.", "ship"),
        ("وتزود إيران الحوثيين بالصواريخ التي تستخدم في الهجمات على السفن.", None),
    ],
)
def test_transport_needs_a_word_of_means(text, transport):
    (flow,) = flows_of(text)
    assert flow.transport == transport


def test_ship_carrying_arms_to_a_port():
    (flow,) = flows_of("ووصلت سفينة روسية تحمل أسلحة إلى ميناء طرطوس.")
    assert (flow.supplier, flow.recipient, flow.commodity, flow.destination) == ("RU", "SY", "weapons", TARTUS)


@pytest.mark.parametrize(
    "text, expected",
    [
        # one verb, several commodities: a flow per class
        ("وزودت باكستان السودان بمنظومات صواريخ وبطائرات سوخوي العام الماضي.",
         {("PK", "SD", "missiles"), ("PK", "SD", "aircraft")}),
        # several commodities, each with its own supplier
        ("وتتلقى الصومال مسيرات بيرقدار من تركيا ومروحيات قتالية من روسيا.",
         {("TR", "SO", "drones"), ("RU", "SO", "aircraft")}),
        ("واشترت الجزائر غواصات من روسيا ومدرعات من الصين وبنادق من إيطاليا.",
         {("RU", "DZ", "ships"), ("CN", "DZ", "vehicles")}),
        ("وتتسلم الجزائر مروحيات من الولايات المتحدة ومسيرات من تركيا وإسرائيل.",
         {("US", "DZ", "aircraft"), ("TR", "DZ", "drones"), ("IL", "DZ", "drones")}),
        # an item of the list with its own maker comes from it; the item before من from the named supplier
        ("ويتلقى الجيش السوري مسيرات إيرانية من طراز مهاجر وأسلحة من روسيا.",
         {("IR", "SY", "drones"), ("RU", "SY", "weapons")}),
        ("وتسلمت أوكرانيا دبابات ليوبارد الألمانية من بولندا.", {("PL", "UA", "vehicles")}),
        # a verb with an object pronoun: its subject follows it, the holder stands before
        ("وعرضت إثيوبيا مسيرات وينغ لونغ صينية الصنع قدمتها الإمارات.", {("AE", "ET", "drones")}),
        # the maker supplies only when nobody is said to give it
        ("وتسلمت إثيوبيا مسيرات وينغ لونغ صينية الصنع من الإمارات.", {("AE", "ET", "drones")}),
        ("وتسلمت إثيوبيا مسيرات وينغ لونغ صينية الصنع.", {("CN", "ET", "drones")}),
        # a company's nationality names the supplier
        ("وتسلم الجيش المغربي مسيرات جديدة من شركة صناعات الفضاء الإسرائيلية.", {("IL", "MA", "drones")}),
        ("وتسلم الجيش المغربي مسيرات من الشركة الإسرائيلية.", {("IL", "MA", "drones")}),
        # people of a group arriving in a state
        ("وأفادت التقارير بأن مقاتلي مجموعة فاغنر وصلوا الأسبوع الماضي إلى السودان.", {("RU", "SD", "personnel")}),
        # weapons stationed in another state
        ("وأعلنت الولايات المتحدة نشر صواريخ متوسطة المدى في بولندا.", {("US", "PL", "missiles")}),
        ("وبدأ نشر أسلحة نووية تكتيكية روسية في بيلاروسيا.", {("RU", "BY", "weapons")}),
        # goods on their way; a group located in a state stands for it
        ("وصادرت الشرطة ذخائر كانت في طريقها من ليبيا إلى جماعات مسلحة في شمال تشاد والنيجر.",
         {("LY", "TD", "munitions"), ("LY", "NE", "munitions")}),
        # dual-use goods are technology
        ("وتصدر الصين إلى روسيا سلعا مزدوجة الاستخدام ورقائق إلكترونية.", {("CN", "RU", "technology")}),
        ("وباعت الصين روسيا أدوات الآلات.", {("CN", "RU", "technology")}),
        # the head noun decides: the target of an anti-tank missile is no commodity
        ("وأرسلت فرنسا إلى أوكرانيا صواريخ مضادة للدبابات.", {("FR", "UA", "missiles")}),
        ("وزودت إيران حزب الله بصواريخ مضادة للسفن وقذائف مضادة للدروع.",
         {("IR", "LB", "missiles"), ("IR", "LB", "munitions")}),
        # people named right after the verb of arriving
        ("ووصل مئات الجنود الكوريين الشماليين إلى روسيا.", {("KP", "RU", "personnel")}),
        # the subject of a deployment after its verb
        ("ونشرت إيران منظومات صواريخ في سوريا.", {("IR", "SY", "missiles")}),
        # what follows أن belongs to the reported clause, not to the verb of the report
        ("ونقلت صحيفة أمريكية عن مسؤولين أن الصين تزود روسيا بقطع غيار.", {("CN", "RU", "technology")}),
        # the maker after a target still describes the commodity
        ("واستخدمت القوات الأوكرانية صواريخ مضادة للدبابات أمريكية الصنع.", {("US", "UA", "missiles")}),
        # a verbal noun: the supplier is the subject of the verb before, the recipient its first object
        ("وقالت الصحيفة إن موسكو وافقت على تسليم إيران 24 مقاتلة.", {("RU", "IR", "aircraft")}),
    ],
)
def test_lists_and_wordings(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a visitor arriving is no supply
        "ووصل الرئيس الإيراني إلى موسكو في زيارة رسمية.",
        # forces reaching a town of their own country
        "ووصلت القوات التركية إلى مدينة أنقرة.",
        # tanks moved into a state are an operation, not a stationing
        "ونشر الأردن دبابات في لبنان.",
        # deployed at home
        "ونشرت روسيا صواريخ في روسيا.",
        # pictures of missiles are no missiles
        "ونشرت روسيا صورا لصواريخ في بيلاروسيا.",
        # a commodity, its maker and a sea named as where it goes: no recipient
        "وتتجه سفن حربية أمريكية إلى غزة.",
        # a shipment on its way with no end named
        "وضبطت السلطات أسلحة كانت في طريقها إلى جهة مجهولة.",
    ],
)
def test_no_flow_in_new_wordings(text):
    assert flows_of(text) == ()


def test_dated_old_supply_is_historical():
    (flow,) = flows_of("وكانت بيلاروسيا قد سلمت آخر الرؤوس النووية السوفيتية إلى روسيا عام 1996.")
    assert (flow.supplier, flow.recipient, flow.commodity, flow.status) == ("BY", "RU", "weapons", "historical")


def test_past_named_after_the_ends_is_historical():
    (flow,) = flows_of("وسلمت بيلاروسيا الأسلحة النووية إلى روسيا في التسعينيات.")
    assert flow.status == "historical"


def test_recent_dated_supply_stays_asserted():
    (flow,) = flows_of("وسلمت بيلاروسيا روسيا ذخائر عام 2023.")
    assert flow.status == "asserted"


def test_denied_generic_arms_fold_into_the_specific_flow():
    text = ("وقالت أوكرانيا إن إيران أرسلت مسيرات إلى روسيا. "
            "ونفت إيران تزويد روسيا بأي أسلحة. ونفى الكرملين تسلم أي مسيرات من إيران.")
    flows = flows_of(text)
    assert {(f.supplier, f.recipient, f.commodity) for f in flows} == {("IR", "RU", "drones")}
    assert all(set(f.denied_by) == {"IR", "RU"} for f in flows)


def test_denied_arming_does_not_fold_into_the_specific_flow():
    text = ("وقالت أوكرانيا إن إيران أرسلت مسيرات إلى روسيا. "
            "واتهمت أوكرانيا إيران بتسليح روسيا، لكن طهران نفت ذلك.")
    assert keys(text) == {("IR", "RU", "drones"), ("IR", "RU", "weapons")}


def test_denied_generic_arms_alone_stay():
    (flow,) = flows_of("ونفت إيران تزويد روسيا بأي أسلحة.")
    assert (flow.commodity, flow.denied_by) == ("weapons", ("IR",))


def test_deniers_of_one_flow_are_shared_in_the_article():
    text = ("وأرسلت إيران مسيرات إلى روسيا، ونفت إيران ذلك. "
            "وقالت مصادر إن إيران أرسلت مسيرات إلى روسيا، لكن الكرملين نفى ذلك.")
    flows = flows_of(text)
    assert len(flows) == 2
    assert all(set(f.denied_by) == {"IR", "RU"} for f in flows)


def test_denial_of_a_delay_does_not_deny_the_delivery():
    (flow,) = flows_of("نفى مسؤول كويتي ما تردد عن تأجيل تسليم مقاتلات يوروفايتر الإيطالية إلى الكويت.")
    assert (flow.supplier, flow.recipient, flow.denied_by) == ("IT", "KW", ())


def test_media_reporting_is_the_claim_and_the_source_denies():
    text = "نفى مصدر في الجيش المغربي ما تداولته وسائل إعلام بريطانية عن تسلم الرباط مسيرات إسرائيلية."
    flows = flows_of(text)
    assert flows and all(f.denied_by == ("MA",) and f.claimed_by == ("GB",) for f in flows)


def test_the_number_of_a_named_model_is_no_quantity():
    text = 'أفادت مصادر أن إيران تواصل شحن طائرات مسيرة من طراز "شاهد-136" وذخائر إلى روسيا.'
    flows = extract_flows(Article("q", text), places_of(text), default_resources())
    assert {f.commodity for f in flows} >= {"drones", "munitions"}
    assert all(f.quantity is None for f in flows)


def test_parts_of_a_weapon_then_other_goods_stay_separate_classes() -> None:
    words = article_words("زودت الشركة الجيش بمكونات صواريخ ومحركات ومكونات إلكترونية")
    found = [c.commodity for c in find_commodities(default_resources(), words, 0, len(words))]
    assert found == ["missiles", "technology", "technology"]


def test_engines_and_optics_are_technology() -> None:
    words = article_words("أرسلت الدولة محركات وأجهزة بصرية")
    assert {c.commodity for c in find_commodities(default_resources(), words, 0, len(words))} == {"technology"}


def test_what_a_sent_item_can_carry_is_not_sent() -> None:
    text = "وقال المسؤول إن روسيا زودت بيلاروسيا بمقاتلات جرى تعديلها لحمل قنابل ودبابات حديثة."
    assert keys(text) == {("RU", "BY", "aircraft"), ("RU", "BY", "vehicles")}


def test_bombs_sent_outright_are_munitions() -> None:
    text = "وقال المسؤول إن روسيا زودت بيلاروسيا بمقاتلات وقنابل."
    assert ("RU", "BY", "munitions") in keys(text)


def test_a_multinational_aircraft_names_no_supplier() -> None:
    assert keys("والكويت تتسلم دفعة جديدة من مقاتلات يوروفايتر") == set()


def test_a_destination_in_a_conjoined_clause_is_not_the_recipient() -> None:
    text = "وأكد المسؤول أن روسيا وافقت على تسليم إيران مقاتلات حديثة، وقد تصل أولاها إلى طرطوس قريبا."
    assert keys(text) == {("RU", "IR", "aircraft")}


def test_a_destination_right_after_a_comma_still_receives() -> None:
    text = "وقال المسؤول إن روسيا أرسلت دبابات، إلى ليبيا."
    assert keys(text) == {("RU", "LY", "vehicles")}


@pytest.mark.parametrize(
    "text, expected",
    [
        # words that name what they give: arming is weapons, financing an armed group money
        ("وواصلت إيران تسليح الحوثيين طوال سنوات الحرب.", {("IR", "YE", "weapons")}),
        ("واتهمت واشنطن قطر بتمويل حماس.", {("QA", "PS", "funds")}),
        # a commodity with بـ after a word of backing is what is given
        ("ودعمت تركيا قوات المعارضة السورية بالصواريخ.", {("TR", "SY", "missiles")}),
        # military backing, or backing of an armed party, is a flow
        ("وقررت السعودية زيادة الدعم العسكري لقوات المعارضة السورية.", {("SA", "SY", "weapons")}),
        ("وأكدت إيران أنها لن تتخلى عن دعمها لحزب الله.", {("IR", "LB", "weapons")}),
        # the backer after من (passive participle, received backing)
        ("وتقاتل جماعة الحوثي المدعومة من إيران على عدة جبهات.", {("IR", "YE", "weapons")}),
        ("ويتلقى حزب الله دعما عسكريا من الدولة الإيرانية.", {("IR", "LB", "weapons")}),
        # training of an armed party is know-how
        ("وتتولى الولايات المتحدة تدريب القوات الأوكرانية منذ عامين.", {("US", "UA", "technology")}),
        # people of one state present or deployed in another
        ("ونشرت روسيا قوات في سوريا منذ عام 2015.", {("RU", "SY", "personnel")}),
        ("وتحدثت التقارير عن ضباط أتراك في ليبيا.", {("TR", "LY", "personnel")}),
        ("وقاتل عناصر حزب الله في سوريا خلال المعركة.", {("LB", "SY", "personnel")}),
        ("ووصلت كتيبة مصرية إلى غزة.", {("EG", "PS", "personnel")}),
        ("وتنتشر في الأردن قوات أمريكية منذ سنوات.", {("US", "JO", "personnel")}),
        # a named system right after a generic word gives its maker
        ("وتسلمت مصر 12 طائرات إف 16 الأسبوع الماضي.", {("US", "EG", "aircraft")}),
        # arms named beside another class are arms too
        ("وزودت فرنسا مصر بأسلحة وذخائر.", {("FR", "EG", "weapons"), ("FR", "EG", "munitions")}),
        # money paid, the payer after a verb with an object pronoun
        ("واتفق الطرفان على التعويضات التي ستدفعها ألمانيا لإسرائيل.", {("DE", "IL", "funds")}),
        # supplier nouns
        ("وتعد الصين المورد الرئيسي للمكونات الإلكترونية لإيران.", {("CN", "IR", "technology")}),
        ("وأصبحت فرنسا ثاني أكبر مصدر للطائرات المقاتلة إلى الهند.", {("FR", "IN", "aircraft")}),
        # a list of buyers: one flow per buyer
        ("وتبيع تركيا مسيرات بيرقدار، وتجذب المزيد من المشترين ومنهم قطر وليبيا والنيجر.",
         {("TR", "QA", "drones"), ("TR", "LY", "drones"), ("TR", "NE", "drones")}),
        # a state named by its title
        ("وأعلنت السعودية إحباط محاولة لتهريب أسلحة إيرانية إلى المملكة.", {("IR", "SA", "weapons")}),
        # the accused of a charge is the subject of the flow
        ("وفرضت الولايات المتحدة عقوبات على قطر بتهمة تمويل حماس.", {("QA", "PS", "funds")}),
        # the state that stops smuggled goods is where they were going
        ("وأعلنت الكويت إحباط تهريب أسلحة من إيران.", {("IR", "KW", "weapons")}),
        # the subject of a list of acts before the comma
        ("وعدد الوزير الأنشطة الإيرانية المعادية، ومنها تهريب ذخائر إلى الكويت.", {("IR", "KW", "munitions")}),
        # the one accused, named before a verb of accusing with an object pronoun, and examples of a group
        ("وتناول التقرير شركة في إيران تتهمها لندن بتحويل الأموال إلى جماعات مثل الحوثيين و«حزب الله».",
         {("IR", "YE", "funds"), ("IR", "LB", "funds")}),
        # advisers sent in support of forces named after a preposition and a word for forces
        ("وأرسلت تركيا مستشاريها لدعم قوات الجيش الوطني الليبي.", {("TR", "LY", "personnel")}),
        # backing with people
        ("ودعمت السعودية اليمن بقوات برية.", {("SA", "YE", "personnel")}),
        # words that say a state's or a group's people are in another state
        ("وارتفع عدد قتلى حزب الله في اليمن.", {("LB", "YE", "personnel")}),
        ("وانتقد الوزير الوجود الإيراني في سوريا.", {("IR", "SY", "personnel")}),
        # the party that concludes a deal for another state's arms buys them
        ("وطالبت الكويت بإتمام الصفقة التي تشمل مروحيات أباتشي.", {("US", "KW", "aircraft")}),
        # a list whose preposition is written on its first member, accused by a verb with an object pronoun
        ("وهاجم المتحدث قطر وتركيا، واتهمهما بدعم المرتزقة ونقلهم إلى ليبيا.",
         {("QA", "LY", "weapons"), ("TR", "LY", "weapons"), ("QA", "LY", "personnel"), ("TR", "LY", "personnel")}),
        ("وشن الوزير هجوما على قطر وتركيا واتهمهما بتمويل المرتزقة في ليبيا.",
         {("QA", "LY", "funds"), ("TR", "LY", "funds")}),
        # backing received from a state named by a word for it and its adjective
        ("وتتلقى حماس الدعم العسكري من الحكومة الإيرانية.", {("IR", "PS", "weapons")}),
        # the stopping state named before a comma
        ("وأعلنت الكويت، في بيان، إحباط تهريب ذخائر من إيران.", {("IR", "KW", "munitions")}),
        # a recipient given by a pronoun after the verb, named before it
        ("وقال مسؤول في ليبيا إن أغلب العتاد الذي وصل إليها جاء من تركيا.", {("TR", "LY", "weapons")}),
        # the partner of a deal for another state's arms buys them
        ("وتضمنت عقود التسلح الروسية الأخيرة مع الجزائر مقاتلات سو 30.", {("RU", "DZ", "aircraft")}),
        # a deal's buyer left unsaid is the one buyer of that supplier just before
        ("واشترت الجزائر أسلحة من روسيا. وتشمل الصفقة مقاتلات سو 30.",
         {("RU", "DZ", "weapons"), ("RU", "DZ", "aircraft")}),
        # people sent into a state: إلى داخل
        ("وأرسلت تركيا مقاتلين إلى داخل سوريا لمواجهة حلفاء إيران.", {("TR", "SY", "personnel")}),
        # armed parties offered as alternatives are each backed
        ("وتواصل إيران دعمها لحركة حماس أو الفصائل المسلحة في اليمن.",
         {("IR", "PS", "weapons"), ("IR", "YE", "weapons")}),
        # the one armed named by another flow of the sentence
        ("وواصل مدربون أتراك تسليح المقاتلين الذين يتم نقلهم إلى ليبيا.",
         {("TR", "LY", "weapons"), ("TR", "LY", "personnel")}),
        # armed people entering or stationed in another state
        ("ودخل حزب الله الأراضي السورية قبل سنوات.", {("LB", "SY", "personnel")}),
        ("وقامت إيران بالتواجد العسكري على الأراضي السورية.", {("IR", "SY", "personnel")}),
        ("ودخلت قوات أمريكية الأردن.", {("US", "JO", "personnel")}),
        # people counted with a word that is otherwise an adjective
        ("ونشرت روسيا نحو 200 عسكري في ليبيا.", {("RU", "LY", "personnel")}),
        # help in building something is know-how
        ("وساعدت كوريا الشمالية إيران في تطوير صواريخ بعيدة المدى.", {("KP", "IR", "technology")}),
        # forces named without their state, in a sentence placed in one state
        ("وقالت مصادر في اليمن إن السعودية قدمت للمقاومة صواريخ مضادة للدروع.", {("SA", "YE", "missiles")}),
        # the contents of a shipment named in the sentences after it
        ("وأرسلت روسيا شحنة جديدة إلى سوريا. وتضمنت الشحنة قذائف مدفعية. كما احتوت على طائرات مسيرة.",
         {("RU", "SY", "munitions"), ("RU", "SY", "drones")}),
        # a word of addition carries a list of commodities on
        ("وأرسلت إيران إلى الحوثيين صواريخ مضادة للسفن، عبر سفن صيد صغيرة، إلى جانب كميات من الذخائر.",
         {("IR", "YE", "missiles"), ("IR", "YE", "munitions")}),
        # arms with an adjective, then another class joined by و: both
        ("وأحبطت الكويت تهريب أسلحة آلية وذخائر من إيران.", {("IR", "KW", "weapons"), ("IR", "KW", "munitions")}),
        # a deal concluded with a partner for goods it makes: the partner sells
        ("وقال مسؤول في ليبيا إن صفقة دبابات ومروحيات أبرمت مع روسيا قبل عام.",
         {("RU", "LY", "vehicles"), ("RU", "LY", "aircraft")}),
        # planes named in a list of commodities are aircraft; planes carrying a shipment are not
        ("وباعت روسيا الجزائر دبابات وطائرات وأسلحة.",
         {("RU", "DZ", "vehicles"), ("RU", "DZ", "aircraft"), ("RU", "DZ", "weapons")}),
        ("وأرسلت روسيا أسلحة إلى سوريا عبر طائرات.", {("RU", "SY", "weapons")}),
        # what is sent named before a passive participle
        ("وبلغت قيمة القروض المقدمة من الصين إلى باكستان 20 مليار دولار.", {("CN", "PK", "funds")}),
        # a refusal of something else does not govern a flow after أن
        ("ورفضت روسيا الاتهامات وقالت إنها سلمت إيران مقاتلات.", {("RU", "IR", "aircraft")}),
        # groups of one state
        ("وتواصل الولايات المتحدة تسليح البيشمركة.", {("US", "IQ", "weapons")}),
    ],
)
def test_backing_and_presence(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # political backing of a state is no supply
        "وأكدت فرنسا دعمها لمصر في مواجهة الأزمة.",
        # backing as the purpose of a sending is read from the sending only
        "وعقدت مصر اجتماعا لدعم الاقتصاد.",
        # a visitor entering a state is no supply
        "ودخل الرئيس الإيراني الأراضي السورية.",
        # help that builds nothing is no supply
        "وساعدت قطر لبنان في تجاوز الأزمة.",
        "وأعلنت روسيا تعاونا عسكريا مع الهند.",
        # contents with no shipment before them
        "وتضمنت الخطة قذائف مدفعية.",
        # a refused or prevented flow
        "وقررت الحكومة رفض حصول سوريا على فرصة لشراء صواريخ روسية.",
        "ورفضت فرنسا تسليم مروحيات إلى روسيا.",
        # a flow talked about: the party before بشأن does not give it
        "واختلفت الأردن مع سوريا بشأن تسليح العشائر.",
    ],
)
def test_no_flow_from_backing(text):
    assert flows_of(text) == ()


MALI = Place("country:ML", "Mali", "country", "ML", 17.57, -3.99, source="test")
BAMAKO = Place("geonames:2460596", "Bamako", "capital", "ML", 12.65, -8.0, source="test")
SUBJECT = {"مالي": MALI, "باماكو": BAMAKO}
MALI_OPENING = ("تعيش مالي أزمة أمنية منذ سنوات، وقد اتسع القتال في شمال مالي حتى صار يهدد باماكو. "
                "وطلبت حكومة مالي العون من حلفائها. ")


def hosted_keys(text: str) -> set[tuple[str, str, str]]:
    """The flows of ``text``, whose places are those of :func:`places_of` plus Mali and Bamako."""
    found = places_of(text)
    extra = {}
    for s, e, w in _find(text, SUBJECT):
        extra.setdefault(w, []).append(Span(s, e, w))
    places = found.places + tuple(ResolvedPlace(SUBJECT[w], tuple(spans)) for w, spans in extra.items())
    flows = extract_flows(Article("t", text, published="2024-05-01"), ArticlePlaces(places, found.actors),
                          default_resources())
    return {(f.supplier, f.recipient, f.commodity) for f in flows}


@pytest.mark.parametrize(
    "text, expected",
    [
        # forces deployed with no place said go to the state the article is about
        (MALI_OPENING + "ونشرت روسيا وتركيا مئات من قواتهما الخاصة خلال الشهر الماضي.",
         {("RU", "ML", "personnel"), ("TR", "ML", "personnel")}),
        (MALI_OPENING + "وقد نشرت فرنسا نحو ألف جندي.", {("FR", "ML", "personnel")}),
        # a place said after the forces decides, even at home
        (MALI_OPENING + "ونشرت روسيا قواتها على حدودها الغربية.", set()),
        (MALI_OPENING + "ونشرت فرنسا نحو ألف جندي في فرنسا.", set()),
        # "in that region": a place said before, in the state the article is about
        (MALI_OPENING + "ونشرت روسيا مئات الجنود في تلك المنطقة.", {("RU", "ML", "personnel")}),
        # armed groups backed with no state named are those of the article's state
        (MALI_OPENING + "واتهمت باماكو تركيا بتسليح المتمردين في الصحراء.", {("TR", "ML", "weapons")}),
        (MALI_OPENING + "وقد قامت الجزائر بتسليح الانفصاليين.", {("DZ", "ML", "weapons")}),
        # a plan named by its noun alone is no act of arming
        (MALI_OPENING + "وناقش الوزير مع الجزائر برنامج تسليح المتمردين.", set()),
        # a denial of arms does not fold away the troops sent between the same two states
        (MALI_OPENING + "واتهمت باماكو روسيا بتسليح المتمردين ونشر جنود قرب الحدود، لكن موسكو نفت ذلك.",
         {("RU", "ML", "weapons"), ("RU", "ML", "personnel")}),
        # people of one state held at a place named without its state
        (MALI_OPENING + "وأسر الجيش ثلاثة مقاتلين أتراك في المطار.", {("TR", "ML", "personnel")}),
        (MALI_OPENING + "وقتل ضباط أتراك في تلك المنطقة.", {("TR", "ML", "personnel")}),
        (MALI_OPENING + "وتدرب مقاتلون أتراك في مدينة أنقرة.", set()),
        # no state stands out: nobody receives
        ("ونشرت روسيا وتركيا مئات من قواتهما الخاصة خلال الشهر الماضي.", set()),
        # armed people named with their state and no place are where the article is
        (MALI_OPENING + "وقال مسؤول إن القوة التي تحرس المطار هي قوات تركية ومصرية.",
         {("TR", "ML", "personnel"), ("EG", "ML", "personnel")}),
        (MALI_OPENING + "وشارك في الهجوم جنود وقادة من تشاد.", {("TD", "ML", "personnel")}),
        ("وقال مسؤول إن القوة التي تحرس المطار هي قوات تركية ومصرية.", set()),
        # one official named by his office, and workers, are no forces
        (MALI_OPENING + "وقال قائد القوات الروسية إن الوضع هادئ.", set()),
        (MALI_OPENING + "ويعمل في المناجم عمال أتراك.", set()),
        (MALI_OPENING + "وهدد قادة أتراك بالرد.", set()),
        (MALI_OPENING + "وتقاتل قوات تركية إلى جانب الجيش.", {("TR", "ML", "personnel")}),
        # forces that strike, or are said not to act, are not said to be there
        (MALI_OPENING + "وقصفت القوات الروسية مواقع للمتمردين.", set()),
        (MALI_OPENING + "وقال مسؤول إن القوات الروسية لن تتدخل.", set()),
        # the armed who receive or use arms, with no state named, are those of the article's state
        (MALI_OPENING + "وقال الوزير إن المتمردين تسلموا صواريخ من تركيا.", {("TR", "ML", "missiles")}),
        (MALI_OPENING + "وتقول السلطات إن المسلحين يملكون صواريخ من طراز بوك باعتها روسيا للوسطاء.",
         {("RU", "ML", "missiles")}),
        (MALI_OPENING + "وأطلق المتمردون صاروخا سلمته روسيا.", {("RU", "ML", "missiles")}),
        (MALI_OPENING + "وزودت روسيا المتمردين بالصواريخ.", {("RU", "ML", "missiles")}),
        (MALI_OPENING + "وقدمت تركيا للمتمردين أسلحة.", {("TR", "ML", "weapons")}),
        (MALI_OPENING + "وزودت روسيا الجيش بمروحيات.", {("RU", "ML", "aircraft")}),
        (MALI_OPENING + "وقالت فرنسا إنها ستزود الجيش بمروحيات.", {("FR", "ML", "aircraft")}),
        (MALI_OPENING + "واستخدم الجيش صواريخ روسية في المعارك.", {("RU", "ML", "missiles")}),
        ("وأطلق المتمردون صاروخا سلمته روسيا.", set()),
        # ... and the clause may place them elsewhere
        (MALI_OPENING + "واعترضت قوات تركية الأسبوع الماضي سفينة قبالة سواحل الصومال.", set()),
    ],
)
def test_forces_deployed_where_the_article_is(text, expected):
    assert hosted_keys(text) == expected


@pytest.mark.parametrize("text", [
    # people of a group named with its pronoun
    "وأرسل حزب الله مقاتليه إلى سوريا.",
    # a group fighting in a state
    "ويقاتل حزب الله في سوريا منذ سنوات.",
])
def test_people_of_a_group_in_another_state(text):
    assert article_keys(text) == {("LB", "SY", "personnel")}


@pytest.mark.parametrize("text", [
    "وتعد تل أبيب ثاني أكبر مورد للطائرات المسيرة إلى أذربيجان.",
    "وقالت تقارير إن تل أبيب زودت أذربيجان بطائرات مسيرة.",
])
def test_a_town_standing_for_its_government_supplies(text):
    assert article_keys(text) == {("IL", "AZ", "drones")}


@pytest.mark.parametrize("text", [
    "وبعثت أنقرة بطائرات مسيرة إلى حكومة طرابلس.",
    "وأرسلت تركيا خبراء عسكريين وطائرات مسيرة إلى الحكومة المعترف بها في ليبيا.",
])
def test_a_government_named_by_its_seat_or_its_country_receives(text):
    flows = extract_article(Article("t", text, published="2024-05-01"), default_resources()).flows
    assert {(f.supplier, f.recipient) for f in flows} == {("TR", "LY")}


@pytest.mark.parametrize(("text", "expected"), [
    # people of a state or group spread in another, the verb first
    ("وينتشر مئات المرتزقة الروس في ليبيا منذ سنوات.", {("RU", "LY", "personnel")}),
    ("وتتمركز قوات فاغنر الروسية في السودان.", {("RU", "SD", "personnel")}),
    ("ويتمركز مئات الجنود الأتراك في قطر.", {("TR", "QA", "personnel")}),
    # a military backing joined by other kinds still reaches the ones backed
    ("وقدمت روسيا دعما عسكريا واقتصاديا للنيجر ومالي.", {("RU", "NE", "weapons"), ("RU", "ML", "weapons")}),
])
def test_spread_forces_and_joined_kinds_of_backing(text, expected):
    assert article_keys(text) == expected


def test_a_shipment_sent_after_its_ends_holds_what_the_next_sentences_list():
    text = "ونقلت بيلاروسيا إلى السودان دفعة أولى. وتضمنت الدفعة قذائف هاون. كما احتوت على بنادق آلية."
    assert article_keys(text) == {("BY", "SD", "munitions"), ("BY", "SD", "weapons")}


@pytest.mark.parametrize(("text", "expected"), [
    # a package of aid announced by its giver, and what it holds
    ("وأعلنت هولندا عن حزمة مساعدات عسكرية لأوكرانيا تشمل قذائف مدفعية.", {("NL", "UA", "munitions")}),
    ("وأعلنت كندا حزمة جديدة لأوكرانيا. وتضمنت الحزمة مركبات مدرعة.", {("CA", "UA", "vehicles")}),
    # the goods listed after a word of containing name what the arms in general were
    ("وأرسلت إيران أسلحة إلى اليمن تشمل صواريخ مضادة للسفن.", {("IR", "YE", "missiles")}),
])
def test_a_package_of_aid_and_what_it_holds(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the land of a state as the end (إلى الأراضي X)
    ("وتتهم بغداد الحكومة الإيرانية بإرسال خبراء عسكريين إلى الأراضي العراقية.", {("IR", "IQ", "personnel")}),
    # a state's exports of a class of goods to another
    ("وارتفعت صادرات الصين من المعدات الدفاعية إلى باكستان.", {("CN", "PK", "weapons")}),
    # relying on another state's arms
    ("ويعتمد الجيش الجزائري منذ عقود على السلاح الروسي.", {("RU", "DZ", "weapons")}),
    # goods named before the giver, its subject and the one given to after it
    ("وتظهر الصور الصواريخ التي زودت بها روسيا الجيش السوري.", {("RU", "SY", "missiles")}),
])
def test_land_exports_reliance_and_goods_given_with_a_pronoun(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a verb joined by و opens a clause of its own: its subject is no recipient of the verb before
    ("وأرسل الفرنسيون مدافع وأرسل البريطانيون صواريخ إلى أوكرانيا.",
     {("GB", "UA", "missiles")}),
    # the plural of a verb of getting
    ("والحوثيون يحصلون على الصواريخ من إيران.", {("IR", "YE", "missiles")}),
    # the one a relative clause after a comma describes is its subject
    ("وتراقب واشنطن تحركات الصين، التي تعد المورد الأول للسلاح إلى ميانمار.", {("CN", "MM", "weapons")}),
    # a buyer of the goods of the state that makes them
    ("وتعد فيتنام من أكبر زبائن السلاح الروسي في آسيا منذ عقود.", {("RU", "VN", "weapons")}),
])
def test_joined_verbs_relative_subjects_and_buyers(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a line of supply between two states carries arms
    ("وتحولت البادية إلى خط إمداد يمتد من العراق إلى الأردن.", {("IQ", "JO", "weapons")}),
    # aircraft of one state stationed in another
    ("وقدر التقرير عدد المقاتلات الفرنسية المتمركزة في الإمارات بعشرين مقاتلة.", {("FR", "AE", "aircraft")}),
    # a movement named with the state it is in
    ("وتهرب الذخائر من ليبيا إلى حركة مسلحة في النيجر.", {("LY", "NE", "munitions")}),
])
def test_supply_lines_stationed_aircraft_and_located_movements(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the state that accuses is where the armed it says are armed are
    ("واتهمت بغداد الكويت وقطر بتمويل المسلحين وتسليحهم.",
     {("KW", "IQ", "funds"), ("QA", "IQ", "funds"), ("KW", "IQ", "weapons"), ("QA", "IQ", "weapons")}),
    # people fighting beside a state's forces are in that state
    ("وقالت المعارضة إن مقاتلين عراقيين يقاتلون إلى جانب القوات السورية.", {("IQ", "SY", "personnel")}),
    # people a verb sends belong to the sender, not to the state they come from
    ("واتهمت أثينا أنقرة بإرسال مرتزقة سوريين للقتال إلى جانب القوات الليبية.", {("TR", "LY", "personnel")}),
    # funding a deal is money to the buyer
    ("وموّلت الإمارات صفقة شراء مصر للمقاتلات.", {("AE", "EG", "funds")}),
])
def test_accusers_forces_beside_and_funded_deals(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a time set off by commas ends no clause: the subject before it still counts
    ("ووافقت الحكومة الفرنسية، يوم الثلاثاء، على بيع الهند غواصات.", {("FR", "IN", "ships")}),
    # a party after إن belongs to the reported clause, not to the sale
    ("ووافقت ألمانيا على صفقة لبيع مصر فرقاطات في خطوة قالت إنها تدعم الأمن لإسرائيل.", {("DE", "EG", "ships")}),
])
def test_times_between_commas_and_parties_of_reported_clauses(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a word for a kind of region names the region named before it
    ("وتدور المعارك في قطاع غزة. وتقول إسرائيل إن صواريخ روسية الصنع وصلت إلى القطاع عبر الأنفاق.",
     {("RU", "PS", "missiles")}),
    # goods that say where they come from before the word of their route
    ("وضبطت الشرطة بنادق قادمة من تركيا في طريقها إلى سوريا.", {("TR", "SY", "weapons")}),
    # capitals written as one word or as the news writes them
    ("وتزود موسكو نيودلهي بمقاتلات.", {("RU", "IN", "aircraft")}),
])
def test_region_references_routes_told_before_and_capital_spellings(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # flooding a state with arms is giving
    ("وتقول بغداد إن طهران تغرق العراق بالسلاح.", {("IR", "IQ", "weapons")}),
    # the one a relative clause describes, with أن between
    ("ولم تعلق موسكو، التي سبق أن باعت صواريخ إلى فنزويلا.", {("RU", "VE", "missiles")}),
])
def test_flooding_with_arms_and_relative_clauses_with_an(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a passive verbal noun: the party after it receives, the maker supplies
    ("وتم تسليم الجيش العراقي دفعة جديدة من الدبابات الأمريكية.", {("US", "IQ", "vehicles")}),
    # trainers and an indefinite plural demonym
    ("ووصل مدربون أتراك إلى الصومال.", {("TR", "SO", "personnel")}),
])
def test_passive_deliveries_and_trainers(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a supplier noun, and the one who imports the goods in a relative clause after them
    ("وأصبحت تايوان المصدر الأبرز للرقائق الإلكترونية التي تستوردها الهند.", {("TW", "IN", "technology")}),
    # the maker named after words of making
    ("وتستخدم إثيوبيا مسيرات من إنتاج شركات تركية.", {("TR", "ET", "drones")}),
    # engineers are people sent
    ("وأرسلت الصين مهندسين إلى باكستان.", {("CN", "PK", "personnel")}),
])
def test_supplier_nouns_importers_makers_and_engineers(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # military advice is know-how; the state beside which one stands takes no part as subject
    ("وقالت الجمهورية الإسلامية إنها تقف إلى جانب العراق وتقدم له المشورة العسكرية.", {("IR", "IQ", "technology")}),
    # the side of a state (الجانب الروسي) as an end, not "beside"
    ("وارتفعت صادرات أرمينيا من الرقائق إلى الجانب الروسي.", {("AM", "RU", "technology")}),
])
def test_military_advice_and_the_side_of_a_state(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the accusative of a demonym names the maker; fuel under its Levantine and accusative names
    ("ونقلت ناقلة وقودا أمريكيا إلى لبنان.", {("US", "LB", "oil")}),
    ("وحملت السفينة نفطا إيرانيا إلى سوريا.", {("IR", "SY", "oil")}),
    ("وأرسلت إيران شحنات من المازوت إلى لبنان.", {("IR", "LB", "oil")}),
    # what a visit held is no shipment's contents
    ("وأرسلت تركيا مسيرات إلى قطر. وتضمنت الزيارة تفاهمات على صواريخ جديدة.", {("TR", "QA", "drones")}),
])
def test_accusative_makers_fuel_and_what_is_no_shipment(text, expected):
    assert article_keys(text) == expected


def test_forces_that_receive_are_not_what_is_received():
    text = "ووقعت اليونان وفرنسا عقدا تحصل بموجبه القوات الجوية اليونانية على مقاتلات رافال."
    assert article_keys(text) == {("FR", "GR", "aircraft")}


def test_what_the_goods_are_used_in_is_not_sent():
    text = "وتزود شركات ألمانية الصناعات الدفاعية الكورية الجنوبية بمحركات تستخدم في دبابات حديثة."
    assert article_keys(text) == {("DE", "KR", "technology")}


@pytest.mark.parametrize(("text", "expected"), [
    # a word for the kind of goods refers to the goods named before, and to their unsaid supplier
    ("وباعت الصين مسيرات وينغ لونغ للسعودية. ووافقت بكين لاحقا على بيع هذا الطراز إلى الجزائر.",
     {("CN", "SA", "drones"), ("CN", "DZ", "drones")}),
    ("وسلمت روسيا الصين منظومة إس-400. وأثار ذلك قلق الهند. ثم تسلمت تركيا المنظومة ذاتها.",
     {("RU", "CN", "missiles"), ("RU", "TR", "missiles")}),
])
def test_goods_referred_to_by_a_word_for_their_kind(text, expected):
    assert article_keys(text) == expected


def test_backing_a_government_is_no_flow_unless_military():
    text = "وقال الوزير إن موسكو لن تتخلى عن دعمها للحكومة الفنزويلية."
    assert extract_article(Article("t", text, published="2024-05-01"), default_resources()).flows == ()


@pytest.mark.parametrize(("text", "expected"), [
    # a pledge of goods to a state
    ("وتعهدت اليابان لأوكرانيا بمركبات مدرعة.", {("JP", "UA", "vehicles")}),
    # a recipient left unsaid, in an article about one state, is that state
    ("وتدور الحرب في أوكرانيا منذ عامين. وتقول كييف إن الهجمات على أوكرانيا مستمرة. "
     "وفي كييف أعلنت أوكرانيا حالة الطوارئ. وتعهدت الدنمارك بتقديم 19 مقاتلة.", {("DK", "UA", "aircraft")}),
])
def test_pledges_and_recipients_left_unsaid_in_an_article_about_one_state(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # backing received, with its backer named as the adjective in the accusative
    ("وتتلقى حكومة الوفاق دعما عسكريا تركيا يشمل طائرات مسيرة.", {("TR", "LY", "drones")}),
    # the name of a state after a plain noun is the state itself, not an adjective
    ("وتراجع الأردن عن تسليح عشائر سوريا.", set()),
])
def test_backing_named_by_its_backers_adjective(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "the kingdom" after a kingdom named before it
    ("وزار الملك المغربي باريس. وتنتشر في المملكة قوات فرنسية منذ سنوات.", {("FR", "MA", "personnel")}),
    # military aid released to a state is money
    ("وأفرجت واشنطن عن المعونة العسكرية المخصصة للأردن.", {("US", "JO", "funds")}),
])
def test_the_kingdom_named_before_and_military_aid_released(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # who strikes a shipment does not send it
    ("وقصفت طائرات أمريكية شحنة أسلحة قرب الحدود العراقية.", set()),
    # guidance kits are know-how
    ("وقالت واشنطن إن الحوثيين حصلوا على أطقم توجيه دقيقة من إيران.", {("IR", "YE", "technology")}),
])
def test_struck_shipments_and_guidance_kits(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a fronted topic is the subject of the clause ف opens after the comma
    ("أما السويد، فقالت إنها ستزود أوكرانيا بمدرعات خلال الصيف.", {("SE", "UA", "vehicles")}),
    ("وأما اليابان، فأرسلت إلى الفلبين زوارق دورية.", {("JP", "PH", "ships")}),
    # ... even described at length before its comma; the maker of the goods is no subject
    ("أما السويد، التي ترددت طويلا في اتخاذ القرار، فأكدت أنها سترسل إلى أوكرانيا 10 دبابات ليوبارد.",
     {("SE", "UA", "vehicles")}),
])
def test_a_fronted_topic_is_the_subject_of_its_clause(text, expected):
    assert article_keys(text) == expected


def test_radars_are_technology():
    assert article_keys("ووافقت الخارجية الأمريكية على صفقة محتملة لبيع الكويت منظومة رادارات متطورة.") == {
        ("US", "KW", "technology")}


def test_aircraft_described_as_stationed_are_military():
    assert article_keys("وقدرت مصادر عسكرية عدد الطائرات الفرنسية المتمركزة في تشاد بنحو عشر طائرات.") == {
        ("FR", "TD", "aircraft")}


@pytest.mark.parametrize(("text", "expected"), [
    # the states whose airspace a shipment crosses are no ends of it
    ("ونقلت بكين إلى صربيا، عبر رحلات تعبر الأجواء التركية والمجرية، صواريخ أرض جو.", {("CN", "RS", "missiles")}),
    # words set off between commas do not keep the goods from their verb
    ("وأرسلت أنقرة إلى قطر خلال الشهر الماضي، وبشكل عاجل بعد تصاعد التوتر في المنطقة، مدرعات حديثة.",
     {("TR", "QA", "vehicles")}),
])
def test_goods_past_an_aside_and_states_crossed_on_the_way(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize("text", [
    "وجاء ذلك بعد أيام من تسليم القوات البريطانية قاعدتها في البصرة إلى الجيش العراقي.",
    "وأكملت القوات الأمريكية تسليم مواقعها إلى القوات الأفغانية.",
])
def test_forces_handing_over_a_base_or_their_posts_send_nothing(text):
    assert article_keys(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    # a count before the people who arrive ("نحو 300"، "أكثر من ألف")
    ("ووصل نحو 300 عسكري باكستاني إلى السعودية.", {("PK", "SA", "personnel")}),
    ("ووصل أكثر من ألف جندي تركي إلى قطر.", {("TR", "QA", "personnel")}),
    # contractors are people sent
    ("ووصل قرابة 150 متعاقدا روسيا إلى مالي.", {("RU", "ML", "personnel")}),
    # "the country" after إلى is the country named last before it
    ("تتصاعد المعارك في شمال موزمبيق. ووصل نحو 200 متعاقد روسي إلى البلاد الشهر الماضي.",
     {("RU", "MZ", "personnel")}),
])
def test_people_counted_before_they_arrive(text, expected):
    assert article_keys(text) == expected


def test_the_country_as_a_scene_receives_nothing():
    assert article_keys("وتنتشر الفوضى في ليبيا. ويقاتل الحوثيون في البلاد منذ سنوات.") == set()


def test_the_worth_of_a_sale_with_an_approximation_is_no_money_sent():
    assert article_keys("ووافقت واشنطن على بيع الكويت 12 مروحية بقيمة تناهز 3.5 مليارات دولار.") == {
        ("US", "KW", "aircraft")}


@pytest.mark.parametrize(("text", "expected"), [
    # a land relied on or crossed is no end of what passes through it
    ("وقالت مصادر إن أنقرة تعتمد على الأراضي البلغارية ممرا لنقل الذخائر إلى أوكرانيا.", {("TR", "UA", "munitions")}),
    ("وأرسلت طهران صواريخ إلى سوريا عبر الأراضي العراقية.", {("IR", "SY", "missiles")}),
])
def test_a_land_crossed_takes_no_part(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a base or port in a town: the town's state receives
    ("وأرسلت تركيا مئات الجنود إلى قاعدتها العسكرية في الدوحة.", {("TR", "QA", "personnel")}),
    ("وشحنت روسيا مدرعات إلى ميناء في طرابلس.", {("RU", "LY", "vehicles")}),
    # a verb joined after a comma, with no subject of its own, shares the sentence's subject
    ("وسارعت فرنسا إلى تفعيل اتفاق الدفاع مع النيجر، وأرسلت مئات الجنود إلى قاعدتها في نيامي.",
     {("FR", "NE", "personnel")}),
])
def test_sent_to_a_base_and_by_a_joined_verb(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a clause opened by إذ or حيث with no subject of its own shares the sentence's
    ("وتعتمد قطر على فرنسا في تحديث أسطولها الجوي، إذ تسلمت خلال العامين الماضيين مقاتلات رافال الفرنسية.",
     {("FR", "QA", "aircraft")}),
])
def test_a_clause_after_idh_shares_the_subject(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the state relied on, after على, supplies what the reliance is for
    ("ويعتمد الجيش النيجيري على الصين في تسليحه بالمدرعات.", {("CN", "NG", "vehicles")}),
])
def test_reliance_on_a_state_for_goods(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the state of an envoy named before his name and the relative clause describing him
    ("واستقبلت الرياض وزير خارجية إيطاليا جوزيبي بيانكي، الذي وقع اتفاقا لبيع المملكة أربع فرقاطات.",
     {("IT", "SA", "ships")}),
])
def test_the_state_of_an_envoy_described_by_a_relative_clause_supplies(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # some of a system named before in the sentence: its maker supplies
    ("وتعزز مقاتلات رافال حضورها في المنطقة، بعد أن اشترت اليونان 18 طائرة منها العام الماضي.",
     {("FR", "GR", "aircraft")}),
])
def test_some_of_a_system_named_before_come_from_its_maker(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a visitor named in a time adjunct is no subject of the deal signed meanwhile
    ("ووقعت اليونان خلال زيارة الرئيس الفرنسي إلى أثينا اتفاقا لشراء ست مقاتلات رافال.", {("FR", "GR", "aircraft")}),
])
def test_a_party_in_a_time_adjunct_is_no_subject(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a pledge with no recipient said goes to the one state the headline names
    ("مقاتلات غربية في طريقها إلى أوكرانيا\nوقال الجيش الأوكراني إن الطيارين أنهوا تدريبهم. "
     "وكانت هولندا قد تعهدت بتقديم 24 مقاتلة، فيما قالت الدنمارك إنها ستسلم 19 مقاتلة.",
     {("NL", "UA", "aircraft"), ("DK", "UA", "aircraft")}),
    # ... not when the clause sends them somewhere it names
    ("تدريبات روسية قرب الحدود\nوردت بولندا بنقل ألف جندي إلى حدودها الشرقية.", set()),
])
def test_a_recipient_left_unsaid_is_the_state_of_the_headline(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # systems named by their model tell their maker
    ("وتسلمت إندونيسيا الدفعة الأولى من صواريخ براهموس.", {("IN", "ID", "missiles")}),
    ("واشترت مصر مقاتلات من طراز JF-17 العام الماضي.", {("PK", "EG", "aircraft")}),
    ("وتعاقدت رومانيا على شراء دبابات K2 ومدافع K9.", {("KR", "RO", "vehicles"), ("KR", "RO", "munitions")}),
    # goods brought into service: the maker supplies the state that brings them in
    ("أدخلت القوات الجوية الأردنية مروحيات بلاك هوك الأمريكية إلى الخدمة.", {("US", "JO", "aircraft")}),
    # a verbal noun after "contracted for" shares the verb's subject
    ("وأعلن مسؤول أن صربيا تعاقدت على اقتناء مقاتلات فرنسية.", {("FR", "RS", "aircraft")}),
])
def test_named_systems_service_and_contracts(text, expected):
    assert article_keys(text) == expected


def test_the_strip_is_the_region_last_named_as_a_strip():
    text = ("وتتواصل الحرب على قطاع غزة. وقال مسؤولون إن الأسلحة تمر عبر شبه جزيرة سيناء. "
            "وأكدت مصادر أن صواريخ إيرانية وصلت إلى القطاع.")
    assert ("IR", "PS", "missiles") in article_keys(text)


@pytest.mark.parametrize(("text", "expected"), [
    # a deal signed with a state to buy: that state sells
    ("ووقعت المغرب اتفاقا مع إسبانيا لشراء زوارق دورية.", {("ES", "MA", "ships")}),
    ("وأبرمت مصر صفقة مع ألمانيا لشراء غواصات.", {("DE", "EG", "ships")}),
])
def test_the_state_a_deal_to_buy_is_signed_with_sells(text, expected):
    assert article_keys(text) == expected


def test_the_worth_of_a_deal_told_by_a_verb_of_amounting_is_no_money_sent():
    assert article_keys("ووافقت واشنطن على بيع الأردن مروحيات بلاك هوك في صفقة قاربت 400 مليون دولار.") == {
        ("US", "JO", "aircraft")}


@pytest.mark.parametrize(("text", "expected"), [
    # a gift of arms is a supply; torpedoes are munitions
    ("وأهدت الصين بنغلادش زوارق دورية.", {("CN", "BD", "ships")}),
    ("وسلمت إيطاليا مصر طوربيدات حديثة.", {("IT", "EG", "munitions")}),
])
def test_gifts_and_torpedoes(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a supplier's unsaid recipient is the one its sentence names it supplying
    ("وتبقى فرنسا المورد الأول للسلاح إلى الإمارات، إذ تؤمن معظم مدرعات الجيش.",
     {("FR", "AE", "weapons"), ("FR", "AE", "vehicles")}),
])
def test_an_unsaid_recipient_is_the_one_its_sentence_names(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a verb whose object is a pronoun: the subject follows it, the one given to was named before
    ("وزودت فرنسا اليونان بفرقاطات، كما زودتها إيطاليا بمروحيات.",
     {("FR", "GR", "ships"), ("IT", "GR", "aircraft")}),
])
def test_the_one_given_to_may_be_the_verbs_pronoun(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("وتسلمت قطر أولى مدرعات VBCI.", {("FR", "QA", "vehicles")}),
    ("واشترت أذربيجان طائرات هاربي ومنظومات سبايدر.", {("IL", "AZ", "drones"), ("IL", "AZ", "missiles")}),
    ("وحصلت أرمينيا على راجمات بيناكا.", {("IN", "AM", "munitions")}),
])
def test_more_named_systems_tell_their_maker(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a country after an adjective, with a preposition of its own, is no adjective
    ("ووافقت واشنطن أمس على بيع منظومات باتريوت الاعتراضية للسعودية.", {("US", "SA", "missiles")}),
    # a noun of origin (مصدرها) marks the supplier like من
    ("أعلنت وزارة الداخلية الكويتية إحباط محاولة تهريب بنادق وذخائر مصدرها العراق.",
     {("IQ", "KW", "weapons"), ("IQ", "KW", "munitions")}),
    # military supplies named by their kind arrive
    ("وبدأت الإمدادات العسكرية البريطانية تصل إلى كينيا.", {("GB", "KE", "weapons")}),
    # a town goods set out from toward another town of its state supplies nothing
    ("وقالت مصادر عسكرية إن القوات الحكومية خرجت بمئات الدبابات التي قدمتها دول التحالف من عدن صوب تعز.", set()),
    ("وضبطت الشرطة الأسلحة التي نقلها المهربون من بندر عباس إلى اليمن.", {("IR", "YE", "weapons")}),
    # after a subject, or a preposition, the parties after a verb of backing all receive
    ("وقال الوزير إن طهران تدعم حزب الله منذ عقود.", {("IR", "LB", "weapons")}),
    ("وقال الوزير إنه يعرف أن إيران تدعم حزب الله والحوثيين.", {("IR", "LB", "weapons"), ("IR", "YE", "weapons")}),
    ("وتابع: لا أحد يجهل الدعم لحزب الله وللحوثيين.", set()),
    # a relative pronoun joined by و still points back to the goods
    ("وحضر الوزير وصول الفرقاطة «النصر» والتي حصلت عليها الجزائر من ألمانيا.", {("DE", "DZ", "ships")}),
    # explosives named by their kind
    ("الكويت: إحباط تهريب 30 كيلوغراما من مادة سي فور من العراق", {("IQ", "KW", "munitions")}),
    # goods on a carrier that came from a state, stopped by another: from the first to the second
    ("وأعلنت السلطات الكويتية اعتراض قارب قادم من العراق والمحمل بالبنادق.", {("IQ", "KW", "weapons")}),
    ("وضبطت البحرية اليمنية سفينة قادمة من إيران محملة بالصواريخ.", {("IR", "YE", "missiles")}),
    # two words for armed people between the preposition and the place they are of
    ("وقال عضو مجلس محافظة الأنبار إن المسؤولين البريطانيين تعهدوا بتقديم أسلحة إلى متطوعي عشائر الأنبار.",
     {("GB", "IQ", "weapons")}),
    # a word of addition carries the list past the recipient and the price; not "alongside" forces
    ("ووافقت لندن على بيع صواريخ للمغرب بكلفة تقارب مليار دولار إلى جانب ذخيرة لأنظمة أسلحة أخرى.",
     {("GB", "MA", "missiles"), ("GB", "MA", "munitions")}),
    ("وأرسلت روسيا صواريخ إلى سوريا إلى جانب قوات إيرانية.", {("RU", "SY", "missiles")}),
    ("ووافقت لندن على بيع صواريخ للمغرب بكلفة متوقعة تصل إلى مليار دولار، إلى جانب ذخائر لأنظمة أخرى.",
     {("GB", "MA", "missiles"), ("GB", "MA", "munitions")}),
    # a demonym whose noun carries the و joins the list of those backed, and names its own state
    ("وأكد المسؤول أن طهران تمول حزب الله والفصائل العراقية والجماعات الحوثية منذ سنوات.",
     {("IR", "LB", "funds"), ("IR", "IQ", "funds"), ("IR", "YE", "funds")}),
    # a relative verb whose preposition carries the pronoun (حصلت عليها) points back to the goods before
    ("وحضر الوزير وصول الفرقاطة «النصر» والتي حصلت عليها الجزائر من ألمانيا ضمن صفقة تشمل أيضا مقاتلات تايفون.",
     {("DE", "DZ", "ships"), ("DE", "DZ", "aircraft")}),
    # tank turrets and missile boats; goods handed over at a base of the state that receives them
    ("وأعلنت السفارة أن لندن قامت الأسبوع الماضي بتسليم ستة أبراج لدبابات تشالنجر في قاعدة جوية قرب الرباط.",
     {("GB", "MA", "vehicles")}),
    ("وسلمت لندن الرباط زورقي صواريخ.", {("GB", "MA", "ships")}),
    # the one a relative clause describes is the subject of each of its verbs
    ("ويخشى الأردن طموحات تركيا الإقليمية، التي تدعم الحكومة الليبية في طرابلس ومتهمة بدعم الفصائل المسلحة في سوريا.",
     {("TR", "SY", "weapons")}),
    # recipients joined by و, each with its own preposition, all receive
    ("وانتقد الوزير دعم إيران للحوثيين ولحزب الله.", {("IR", "YE", "weapons"), ("IR", "LB", "weapons")}),
    # a giving with its own subject and recipient is rejected, not refused: it happens
    ("وقال إن دول الخليج ترفض دعم إيران للحوثيين ولحزب الله.", {("IR", "YE", "weapons"), ("IR", "LB", "weapons")}),
    ("ورفضت ألمانيا تسليم أوكرانيا صواريخ توروس.", set()),
    # "the coalition" once the article says who leads it; the armed given to, placed in a state after them
    ("وسعت قوات التحالف التي تقودها السعودية إلى دعم المقاومة. وقالت المصادر إن قوات التحالف قامت بتزويد"
     " المقاومة الشعبية في عدن بالسلاح.", {("SA", "YE", "weapons")}),
    ("وقالت المصادر إن قوات التحالف قامت بتزويد المقاومة الشعبية في عدن بالسلاح.", set()),
    # an end that is no state is said: no recipient is taken from before; a body named after exporters is no export
    ("وتبيع روسيا الصواريخ لإيران. وقال الخبير إن إيران متعطشة لمعاودة تصدير النفط إلى أوروبا.",
     {("RU", "IR", "missiles")}),
    # the deaths of people named with their state tell no place they are in
    ("نائب أميركي: إيران تهدد المنطقة\n\nصوت مجلس الأمن أمس على الاتفاق مع إيران، ولوحت الدول بإعادة فرض العقوبات"
     " على طهران. وقال النائب: إيران دولة ترعى الإرهاب. أياديهم مخضبة بدماء مئات الجنود الأميركيين ومشاة البحرية."
     " وأضاف أن إيران ستمتلك السلاح النووي.", set()),
    # backed by the party after بـ: armed people right after it are what is given
    ("واحتشدت عناصر النظام السوري مدعومة بميليشيات حزب الله على الطريق جنوب الزبداني.", {("LB", "SY", "personnel")}),
    ("تتواصل المعارك في سوريا. واحتشدت عناصر النظام مدعومة بميليشيات حزب الله جنوب الزبداني.",
     {("LB", "SY", "personnel")}),
    # backed by armies named after من; goods given with a pronoun to the one a relative clause describes
    ("وتستمر قوات هادي المدعومة من جيوش التحالف العربي بالتقدم نحو عدن.", {("SA", "YE", "weapons")}),
    ("وباتت قوات هادي التي تقاتل بأسلحة حديثة زودتها بها دول التحالف العربي تسيطر على عدن.", {("SA", "YE", "weapons")}),
    # "were it not for" states what happened
    ("وكان يمكن إنقاذ البلاد لولا تدخل إيران بتسليح الحوثيين.", {("IR", "YE", "weapons")}),
    # a leader acts for his state
    ("وكان أوباما قد أصدر في مارس توجيهات بالإفراج عن عشرين صاروخا مضادا للسفن لمصر.", {("US", "EG", "missiles")}),
    # who stops goods did not send them
    ("وكانت البحرين قد اتهمت إيران بدعم الإرهاب. وأعلنت وزارة الداخلية البحرينية أمس إحباط قواتها الأمنية"
     " محاولة لتهريب متفجرات وأسلحة آلية إلى داخل البلاد عبر البحر.", set()),
    # the forces after إلى receive, named by their branch (البحرية، القوات البحرية)
    ("وسلمت لندن زوارق حربية إلى البحرية المغربية.", {("GB", "MA", "ships")}),
    ("وسلمت لندن زوارق حربية إلى القوات البحرية المغربية.", {("GB", "MA", "ships")}),
    # the forces after an end's preposition receive; they are not what is sent
    ("ورأى السكان الأسلحة التي بعثتها قطر إلى القوات الليبية.", {("QA", "LY", "weapons")}),
    ("وقد بعثت قطر أسلحة لدعم القوات الليبية.", {("QA", "LY", "weapons")}),
    ("وبعثت قطر ذخائر للقوات الليبية.", {("QA", "LY", "munitions")}),
    # heavy and armoured vehicles
    ("وأرسلت الإمارات آليات مدرعة إلى الصومال.", {("AE", "SO", "vehicles")}),
    ("وتقدمت الآليات الثقيلة التي أرسلتها الإمارات إلى القوات الصومالية.", {("AE", "SO", "vehicles")}),
    # a base placed by the town it is near
    ("وسلمت باريس ست مقاتلات إلى القاعدة الجوية غرب الرباط أمس.", {("FR", "MA", "aircraft")}),
    # transport aircraft sent; aircraft that will arrive at bases named by their state's adjective
    ("وقد أرسلت فرنسا ثلاث طائرات نقل عسكرية إلى النيجر.", {("FR", "NE", "aircraft")}),
    ("وقال الوزير إن مقاتلات فرنسية ستصل قريبا إلى قواعد جوية أردنية.", {("FR", "JO", "aircraft")}),
    ("ووصلت مروحيات فرنسية أمس إلى قاعدة عسكرية أردنية.", {("FR", "JO", "aircraft")}),
    # forces loyal to a state or its leader, reinforced with goods named before the verb
    ("وتحركت الدبابات التي قدمتها قطر لتعزيز القوات الموالية للحكومة الليبية.", {("QA", "LY", "vehicles")}),
    ("وتحركت عشرات المدرعات التي قدمتها قطر، قرب سرت، صباح أمس، لمساندة القوات الموالية للرئيس الشرعي لليبيا.",
     {("QA", "LY", "vehicles")}),
    # armed people right after a verb of giving receive what follows with بـ
    ("وقال المصدر إن فرنسا زودت المقاتلين في مالي بأسلحة خفيفة.", {("FR", "ML", "weapons")}),
    ("وقال المصدر إن فرنسا زودت المقاتلين العراقيين بطائرات بدون طيار.", {("FR", "IQ", "drones")}),
    # the coalition is the Saudi-led one in an article on the war with the Houthis
    ("وتقدمت قوات الشرعية نحو عدن بعد انسحاب الحوثيين منها. وأرسلت قوات التحالف عشرات المدرعات إلى عدن.",
     {("SA", "YE", "vehicles")}),
    # troops said to be present in a state, named in the accusative
    ("وزار الوزير جنودا فرنسيين موجودين في تشاد، مئات منهم قرب الحدود.", {("FR", "TD", "personnel")}),
    ("والتقى القائد ضباطا أمريكيين متمركزين في قطر.", {("US", "QA", "personnel")}),
    # a state's relief agency supplies for its state
    ("وقال المحافظ إن سفنا تحمل وقودا من مركز الملك سلمان للإغاثة تتجه إلى ميناء الحديدة.", {("SA", "YE", "oil")}),
    # the one said to own the goods after them received them
    ("وفي الشهر الماضي سلمت باريس زورقي صواريخ ليرتفع بذلك عدد ما تملكه الرباط من هذه الزوارق إلى خمسة.",
     {("FR", "MA", "ships")}),
    # a group fighting in another state: past the ally it fights beside, counted with من, one side of a fight
    ("ويقاتل حزب الله إلى جانب قوات النظام في سوريا.", {("LB", "SY", "personnel")}),
    ("وتقاتل ميليشيات حزب الله في سوريا.", {("LB", "SY", "personnel")}),
    ("وقتل عدد من مقاتلي حزب الله في حمص.", {("LB", "SY", "personnel")}),
    ("وقتل العشرات من الجنود الأتراك في العراق.", {("TR", "IQ", "personnel")}),
    ("واندلعت معارك عنيفة في بلدة القصير بين مقاتلي المعارضة وعناصر حزب الله.", {("LB", "SY", "personnel")}),
    ("واندلعت معارك عنيفة في حلب بين قوات النظام ومقاتلي المعارضة.", set()),
    # the subject follows a verb of arming whose pronoun stands for the ones a relative clause describes
    ("وقررت باريس الدفاع عن مقاتلي المعارضة الليبية الذين سلحهم الجيش الفرنسي.", {("FR", "LY", "weapons")}),
    ("وقررت باريس الدفاع عن مقاتلي المعارضة الليبية الذين دربهم الجيش الفرنسي.", {("FR", "LY", "technology")}),
])
def test_sales_sources_and_suspended_supply(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize("then", [
    # an end that is no state is said: no recipient is taken from before
    "وقال الخبير إن إيران متعطشة لمعاودة تصدير النفط إلى أوروبا.",
    # states left unnamed are no state to take
    "وقال الخبير إن إيران ستبيع مزيدا من النفط لدول المنطقة.",
    # a body named after exporters is no export
    "ويرى المصرف أن الأسعار لن تنهار نظرا إلى اهتمام إيران العضو في منظمة الدول المصدرة للنفط بالحفاظ عليها.",
])
def test_no_recipient_is_taken_from_before_for_an_open_end_or_a_body_s_name(then):
    text = "وصدرت إيران النفط إلى سوريا. " + then
    flows = extract_article(Article("t", text), default_resources()).flows
    assert [(f.supplier, f.recipient, f.evidence.text) for f in flows] == [("IR", "SY", "وصدرت إيران النفط إلى سوريا.")]


def test_goods_stopped_on_their_way_come_from_the_supplier_told_before():
    text = ("الكويت تحبط تهريب أسلحة من العراق\n\nأعلنت وزارة الداخلية الكويتية أمس أن السلطات أحبطت محاولة لتهريب"
            " متفجرات وذخائر إلى داخل البلاد عبر البر.")
    assert article_keys(text) == {("IQ", "KW", "weapons"), ("IQ", "KW", "munitions")}
    # with no supplier told before, who stops the goods is still not who sent them
    assert article_keys(text.split("\n\n")[1]) == set()


def test_people_counted_with_no_place_are_not_in_the_article_s_state():
    text = ("إيران تتعهد بمواصلة دعم حلفائها\n\nقال مسؤول إيراني في طهران إن إيران ستواصل مساندة حلفائها بعد"
            " الاتفاق النووي مع إيران. وأضاف أن إيران لن تتخلى عن أصدقائها. وقال الأمين العام لحزب الله في حفل"
            " لتكريم أبناء وبنات قتلى من مقاتلي حزب الله «نتعاطى في هذا الموضوع بكل ثقة».")
    assert article_keys(text) == set()


def test_the_object_of_a_noun_of_supply_is_not_the_subject_of_the_next():
    text = ("واشنطن تسلم القاهرة مقاتلات جديدة\n\n"
            "أعلنت السفارة الأمريكية في القاهرة أمس أن الولايات المتحدة ستسلم مصر ثماني مقاتلات خلال أيام، ضمن"
            " حزمة مساعدات عسكرية.\n\nوأضاف البيان أن واشنطن ستسلم أربع مقاتلات أخرى إلى مصر مطلع الخريف.\n\n"
            "وعلى الرغم من انتقادات بعض النواب فإن القاهرة تبقى من أقرب شركاء واشنطن في المنطقة.\n\n"
            "وفي نهاية مارس أنهى الرئيس الأمريكي تعليقا لامداد القاهرة بالسلاح ليسمح بتسليم أسلحة أمريكية تفوق"
            " قيمتها مليار دولار.")
    flows = extract_article(Article("t", text, published="2015-07-30"), default_resources()).flows
    assert {(f.supplier, f.recipient) for f in flows} == {("US", "EG")}


@pytest.mark.parametrize(
    "text, commodity, unit",
    [
        ("واشترت الجزائر غواصتين من ألمانيا.", "ships", "submarines"),
        ("وأرسلت تركيا طائرتين مسيرتين إلى قطر.", "drones", "drones"),
        ("وباعت فرنسا دبابتين لتونس.", "vehicles", "tanks"),
    ],
)
def test_two_of_a_thing_in_the_dual_are_counted(text, commodity, unit):
    (flow,) = extract_article(Article("t", text), default_resources()).flows
    assert (flow.commodity, flow.quantity) == (commodity, Quantity(2, unit, None))


def test_a_plural_of_people_is_not_read_as_two():
    (flow,) = extract_article(Article("t", "وأرسلت بريطانيا مدربين إلى نيجيريا."), default_resources()).flows
    assert (flow.commodity, flow.quantity) == ("personnel", None)


def test_a_clause_after_idh_is_a_new_one():
    # the givers named before إذ do not give what the next clause's subject sends
    text = "وتسلمت أوكرانيا بطاريتين، قدمتها ألمانيا والنرويج معا، إذ أرسل النرويجيون قاذفتين."
    assert ("DE", "NO", "aircraft") not in article_keys(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a state one agrees with to buy sells
        ("وتعاقدت البحرين مع بريطانيا على شراء زوارق حربية.", {("GB", "BH", "ships")}),
        ("واتفقت الجزائر مع الصين على شراء طائرات مسيرة.", {("CN", "DZ", "drones")}),
        ("ووقعت الكويت مع إيطاليا على شراء مروحيات.", {("IT", "KW", "aircraft")}),
        # of two signers, the maker of what is bought sells
        ("ووقعت الهند وفرنسا صفقة لشراء 36 مقاتلة رافال.", {("FR", "IN", "aircraft")}),
        # the regime or forces named after a leader stand for the state
        ("وتقدم موسكو دعما عسكريا لنظام الأسد منذ سنوات.", {("RU", "SY", "weapons")}),
        # people fighting beside a state's forces are sent to that state
        ("ويقاتل مئات من عناصر الحرس الثوري إلى جانب قوات النظام السوري.", {("IR", "SY", "personnel")}),
        ("وتقاتل عناصر من حزب الله إلى جانب قوات الجيش السوري.", {("LB", "SY", "personnel")}),
    ],
)
def test_deal_partners_signers_regimes_and_fighting_beside(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وصادرت السلطات التونسية شحنة أسلحة قادمة من ليبيا.", {("LY", "TN", "weapons")}),
        ("وضبطت الكويت شحنة ذخائر قادمة من العراق.", {("IQ", "KW", "munitions")}),
    ],
)
def test_a_seized_shipment_comes_from_where_it_came_to_the_state_that_seized_it(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # people sent to fight in a state are sent to it
        ("وأرسلت طهران مقاتلين أفغانا للقتال في سوريا.", {("IR", "SY", "personnel")}),
        ("وأرسلت موسكو مرتزقة للمشاركة في القتال في ليبيا.", {("RU", "LY", "personnel")}),
        # a count in words before what arrives
        ("ووصل أكثر من عشرة آلاف جندي باكستاني إلى السعودية.", {("PK", "SA", "personnel")}),
    ],
)
def test_people_sent_to_fight_and_counted_in_words(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # arms dropped from the air to fighters on the ground
        ("وقالت مصادر محلية إن مقاتلات إماراتية أسقطت أسلحة للمقاتلين القبليين في شبوة.", {("AE", "YE", "weapons")}),
        # ... but what is shot down, or dropped on a target, is not given
        ("وأسقطت الدفاعات الجوية السعودية صاروخا أطلقه الحوثيون.", set()),
        ("وألقت المقاتلات الإماراتية قنابل على مواقع للحوثيين.", set()),
        # a donation
        ("وتبرعت هولندا بمدرعات للجيش الأوكراني.", {("NL", "UA", "vehicles")}),
        # two of a thing before the noun it is of
        ("وباعت السويد طائرتي إنذار مبكر لقطر.", {("SE", "QA", "aircraft")}),
        ("وقالت باريس إن مصر ستشتري سفينتي ميسترال.", {("FR", "EG", "ships")}),
        ("ووافقت واشنطن على بيع طائرات استطلاع لتونس.", {("US", "TN", "aircraft")}),
    ],
)
def test_drops_donations_and_more_names_of_goods(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # forces withdrawn from a state were sent there
        ("وقررت موسكو سحب جزء من قواتها من سوريا.", {("RU", "SY", "personnel")}),
        ("وأعلن حزب الله سحب مئات من مقاتليه من سوريا.", {("LB", "SY", "personnel")}),
        ("وانسحبت القوات الإيرانية من شمال العراق.", {("IR", "IQ", "personnel")}),
        ("وأعلنت واشنطن سحب منظومات باتريوت من الأردن.", {("US", "JO", "missiles")}),
        # a state's own forces leaving its town, and weapons taken away, are no flow
        ("وانسحب الجيش اليمني من مدينة عدن.", set()),
        ("وطالبت الحكومة بسحب السلاح من الميليشيات في لبنان.", set()),
    ],
)
def test_forces_withdrawn_from_a_state_were_sent_there(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a verb opening its sentence with no subject shares the subject of the sentence before
        ("أكدت الصين دعمها لباكستان. وأرسلت الشهر الماضي ثماني غواصات إلى باكستان.", {("CN", "PK", "ships")}),
        # ... and so does "his country" in a sentence naming no state before it
        ("التقى وزير الخارجية البريطاني نظيره في عمان أمس. وقال إن بلاده ستزود الأردن بطائرات مسيرة.",
         {("GB", "JO", "drones")}),
        # a pronoun for both ends: the flow told just before
        ("تواصل روسيا تسليح الجيش السوري. وقد أرسلت إليه دبابات جديدة.",
         {("RU", "SY", "weapons"), ("RU", "SY", "vehicles")}),
        # a verb further into its sentence does not reach back
        ("أكدت الصين دعمها لباكستان. وقال محللون إن ثماني غواصات ستصل إلى باكستان.", set()),
    ],
)
def test_an_unsaid_subject_is_the_one_of_the_sentence_before(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # armed people taking part in fighting in another state are sent there
        ("ويشارك مئات الجنود الأردنيين في العمليات العسكرية في ليبيا.", {("JO", "LY", "personnel")}),
        ("وشارك نحو ألفي جندي سنغالي في المعارك باليمن.", {("SN", "YE", "personnel")}),
        # a state, or a leader, taking part in talks sends nobody
        ("وشاركت الأردن في المباحثات في ليبيا.", set()),
        ("وشارك الرئيس التونسي في القمة في القاهرة.", set()),
        # a word after في is no weapon word: الحصار is the blockade, not a system of that name
        ("وتشارك قوات مصرية في الحصار البحري باليمن.", {("EG", "YE", "personnel")}),
    ],
)
def test_armed_people_taking_part_in_fighting_abroad(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a deposit is money; the preposition of the noun a demonym describes, past its own adjective
        ("وقدمت الكويت وديعة بمليار دولار للبنك المركزي الأردني.", {("KW", "JO", "funds")}),
        # pilots are armed people: training them is military know-how
        ("وتتولى فرنسا تدريب الطيارين القطريين.", {("FR", "QA", "technology")}),
        # recruiting people to fight in a state sends them there
        ("وجندت روسيا مئات المقاتلين الصرب للقتال في أوكرانيا.", {("RU", "UA", "personnel")}),
        # halting a flow reports none
        ("وأوقفت كندا تسليم مدرعات للسعودية.", set()),
        ("وعلقت ألمانيا تدريب الجنود العراقيين.", set()),
    ],
)
def test_deposits_pilots_recruits_and_halted_flows(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a verb of supply in the future tense
        ("وستحصل اليونان على مقاتلات رافال من فرنسا.", {("FR", "GR", "aircraft")}),
        ("وسيتلقى الجيش الأردني مدرعات من بريطانيا.", {("GB", "JO", "vehicles")}),
        # money counted with بـ right after goods is their price, not money sent
        ("وباعت ألمانيا لمصر غواصات بمليارات الدولارات.", {("DE", "EG", "ships")}),
        ("وباعت فرنسا للهند أسلحة بـ 5 مليارات دولار.", {("FR", "IN", "weapons")}),
        # ... but money given with بـ is what is given
        ("وزودت الكويت الأردن بملايين الدولارات.", {("KW", "JO", "funds")}),
    ],
)
def test_future_verbs_and_the_price_of_goods(text, expected):
    assert article_keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a list carried on past a comma by a word of addition
        ("ونقلت موسكو إلى بيلاروسيا نحو 20 طائرة حربية، إضافة إلى دبابات ومدرعات.",
         {("RU", "BY", "aircraft"), ("RU", "BY", "vehicles")}),
        # the maker of the arms named as a whole before the kinds listed
        ("وحصلت البحرين على صفقة أسلحة بريطانية تشمل زوارق حربية ومدرعات.",
         {("GB", "BH", "ships"), ("GB", "BH", "vehicles")}),
    ],
)
def test_lists_past_a_word_of_addition_and_the_maker_of_the_whole(text, expected):
    assert article_keys(text) == expected
