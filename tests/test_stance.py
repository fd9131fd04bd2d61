"""Who claims, who denies and how sure: the stance of a sentence."""

import pytest

from geomap.annotate.stance import Stance, article_actors, find_organisations, organisation_country, sentence_stance
from geomap.model import ActorMention, Article, ArticlePlaces, Span
from geomap.resources import default_resources
from geomap.text.sentences import split_sentences

# Words that stand for states in the sentences below (what resolution gives).
STATES = {
    "روسيا": ("RU", "country"), "إيران": ("IR", "country"), "أوكرانيا": ("UA", "country"),
    "كوريا الشمالية": ("KP", "country"), "كوريا الجنوبية": ("KR", "country"),
    "الولايات المتحدة": ("US", "country"), "اليابان": ("JP", "country"), "مصر": ("EG", "country"),
    "واشنطن": ("US", "capital"), "موسكو": ("RU", "capital"), "طهران": ("IR", "capital"),
    "كييف": ("UA", "capital"), "الكرملين": ("RU", "seat"), "فرنسا": ("FR", "country"),
    "الإيرانية": ("IR", "demonym"), "أميركية": ("US", "demonym"), "أمريكيون": ("US", "demonym"),
    "برلين": ("DE", "capital"),
    "الأوكراني": ("UA", "demonym"), "الإسرائيلي": ("IL", "demonym"), "تركيا": ("TR", "country"),
}


def places_of(text: str) -> ArticlePlaces:
    """The actor mentions of ``text``, found by exact search of :data:`STATES`."""
    found = []
    taken: list[tuple[int, int]] = []
    for surface in sorted(STATES, key=len, reverse=True):
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(s < end and start < e for s, e in taken):
                code, kind = STATES[surface]
                found.append(ActorMention(Span(start, end, surface), code, kind))
                taken.append((start, end))
            start = text.find(surface, end)
    return ArticlePlaces(places=(), actors=tuple(sorted(found, key=lambda a: a.span)))


def stance_of(text: str, n: int = 0, published: str | None = "2024-05-01") -> Stance:
    article = Article("t", text, published=published)
    sentence = split_sentences(text)[n]
    return sentence_stance(default_resources(), article, sentence, places_of(text))


@pytest.mark.parametrize(
    "text, claimed",
    [
        ("وذكرت رويترز أن إيران أرسلت مسيرات إلى روسيا.", ("Reuters",)),
        ("ووفقاً لواشنطن، فإن كوريا الشمالية شحنت ذخائر إلى روسيا.", ("US",)),
        ("وقالت كوريا الجنوبية إن جارتها أرسلت قذائف.", ("KR",)),
        ("وكشفت مصادر استخباراتية أميركية أن إيران زودت روسيا بصواريخ.", ("US intelligence",)),
        ("وأشار مسؤولون أمريكيون إلى أن روسيا تسلمت مسيرات.", ("US officials",)),
        ("اتهم الأمين العام لحلف شمال الأطلسي إيران بتزويد روسيا بمسيرات.", ("NATO",)),
        ("واستنكرت كل من فرنسا وتركيا واليابان تزويد إيران بالمسيرات.", ("FR", "TR", "JP")),
        ("الغارديان: روسيا تشتري قذائف من كوريا الشمالية", ("The Guardian",)),
        ("وقال الكرملين إن الشحنة وصلت.", ("RU",)),
    ],
)
def test_claimants_are_named_by_convention(text, claimed):
    assert stance_of(text).claimed_by == claimed


def test_accused_party_is_not_a_claimant():
    stance = stance_of("اتهامات لإيران بتزويد موسكو بأعداد ضخمة من المسيرات.")
    assert stance.claimed_by == ()


def test_topic_after_preposition_is_not_a_claimant():
    assert stance_of("وقال باحث متخصص في شؤون إيران، إن الصفقة تمت.").claimed_by == ()


def test_negated_announcement_claims_nothing():
    assert stance_of("ولم تعلن روسيا عن الصفقة.").claimed_by == ()


def test_outlet_reference_takes_the_last_outlet():
    text = "كشفت صحيفة الغارديان أن روسيا تشتري قذائف. وأضافت الصحيفة أن إيران أرسلت مسيرات."
    assert stance_of(text, 1).claimed_by == ("The Guardian",)


def test_denier_after_the_verb():
    text = "ونفى المتحدث باسم الحكومة الإيرانية هذه المعلومات."
    assert stance_of(text).denied_by == ("IR",)


def test_both_countries_deny():
    text = "ويُشتبه في أن إيران ترسل مسيرات إلى روسيا، لكن البلدين نفيا تلك الأنباء."
    stance = stance_of(text)
    assert stance.denied_by == ("IR", "RU")
    assert stance.status == "speculative"


def test_denial_in_the_next_sentence_refers_back():
    text = "وذكرت رويترز أن إيران زودت روسيا بمسيرات. ونفت طهران تلك المزاعم."
    stance = stance_of(text)
    assert stance.claimed_by == ("Reuters",)
    assert stance.denied_by == ("IR",)


def test_unrelated_denial_in_the_next_sentence_is_not_taken():
    text = "وذكرت رويترز أن إيران زودت روسيا بمسيرات. وقال مسؤول إن مصر نفت شراء طائرات من فرنسا."
    assert stance_of(text).denied_by == ()


def test_negated_evidence_is_a_denial_by_the_speaker():
    text = 'وصرح المتحدث الأوكراني بأنه "لا توجد معلومات موثقة عن تسليم إيران مسيرات لروسيا".'
    stance = stance_of(text)
    assert stance.denied_by == ("UA",)
    assert "UA" not in stance.claimed_by


def test_denial_described_as_baseless():
    text = 'ووصف الناطق باسم الخارجية الإيرانية التقارير بأنها "عارية عن الصحة".'
    assert stance_of(text).denied_by == ("IR",)


@pytest.mark.parametrize(
    "text, status",
    [
        ("هل ترسل إيران صواريخ إلى روسيا؟", "speculative"),
        ("ربما ترسل إيران مسيرات إلى روسيا.", "speculative"),
        ("ومن المتوقع أن تسلم فرنسا طائرات رافال إلى مصر.", "speculative"),
        ("قد ترسل إيران صواريخ إلى روسيا.", "speculative"),
        ("وكان محللون قد أشاروا إلى ذلك.", "asserted"),
        ("وقد أرسلت إيران صواريخ إلى روسيا.", "asserted"),
        ("وقامت روسيا في الماضي بتزويد مصر بالمقاتلات الحربية.", "historical"),
        ("وفي عام 1987 باعت الصين صواريخ إلى إيران.", "historical"),
        ("وفي عام 2023 باعت الصين صواريخ إلى إيران.", "asserted"),
        ("أرسلت إيران مسيرات إلى روسيا.", "asserted"),
    ],
)
def test_status(text, status):
    assert stance_of(text).status == status


def test_scope_limits_the_status_marks():
    text = "وذكرت رويترز أن إيران أرسلت صواريخ إلى روسيا، ويُشتبه أيضا في أن تركيا تمد أوكرانيا بمسيرات."
    article = Article("t", text, published="2024-05")
    sentence = split_sentences(text)[0]
    cut = text.index("، ويُشتبه")
    first = Span(0, cut, text[:cut])
    assert sentence_stance(default_resources(), article, sentence, places_of(text), scope=first).status == "asserted"
    assert sentence_stance(default_resources(), article, sentence, places_of(text)).status == "speculative"


def test_organisations_are_found_with_clitics_and_exact_spans():
    text = "وقال حلف الناتو إن حزب الله تلقى صواريخ، وذكرت وكالة رويترز ذلك للحوثيين."
    found = find_organisations(default_resources(), text)
    assert [m.actor for m in found] == ["NATO", "Hezbollah", "Reuters", "Houthis"]
    for m in found:
        assert text[m.span.start:m.span.end] == m.span.text
    assert organisation_country(default_resources(), "Houthis") == "YE"
    assert organisation_country(default_resources(), "NATO") is None


def test_leaders_act_for_their_state_and_a_described_leader_is_one_mention():
    text = "ونفى لافروف ذلك، فيما قال الرئيس الأوكراني فولوديمير زيلينسكي إن بلاده تسلمت صواريخ."
    found = find_organisations(default_resources(), text)
    assert [(m.actor, m.kind, m.span.text) for m in found] == [
        ("RU", "leader", "لافروف"), ("UA", "leader", "فولوديمير زيلينسكي")]
    actors = article_actors(default_resources(), Article("t", text), places_of(text))
    assert [(a.actor, a.kind) for a in actors] == [("RU", "leader"), ("UA", "demonym")]


def test_a_short_name_stands_for_a_body_once_the_article_says_which():
    said = "أعلنت قوات التحالف التي تقودها السعودية بدء العملية. وقالت قوات التحالف إنها قصفت المواقع."
    assert [m.actor for m in find_organisations(default_resources(), said)] == ["Arab Coalition", "Arab Coalition"]
    assert find_organisations(default_resources(), "وقالت قوات التحالف إنها قصفت المواقع.") == ()


def test_a_leader_denies_for_his_state():
    text = "ونفى بوتين أن تكون بلاده قد أرسلت صواريخ إلى إيران."
    assert stance_of(text).denied_by == ("RU",)


def test_peninsula_is_not_an_outlet():
    assert find_organisations(default_resources(), "تجارب في شبه الجزيرة الكورية") == ()


def test_named_service_is_its_claimant():
    assert stance_of("وقال الموساد إن إيران أرسلت صواريخ إلى روسيا.").claimed_by == ("Israeli intelligence",)
    text = "وكشفت وكالة المخابرات المركزية أن إيران أرسلت صواريخ إلى روسيا."
    assert stance_of(text).claimed_by == ("US intelligence",)


def test_national_security_council_is_not_the_un():
    text = "وقال المتحدث باسم مجلس الأمن القومي الأمريكي إن إيران أرسلت صواريخ."
    assert [m.actor for m in find_organisations(default_resources(), text)] == []


def test_dateline_is_not_a_claimant_but_a_heading_source_is():
    assert stance_of("إيلاف من برلين: أرسلت إيران مسيرات إلى روسيا").claimed_by == ()
    assert stance_of("واشنطن: كوريا الشمالية نقلت صواريخ إلى روسيا").claimed_by == ("US",)
    assert stance_of("تقرير أممي: الإمارات تزود السودان بالأسلحة").claimed_by == ("UN",)


def test_announced_future_is_asserted_and_negotiation_speculative():
    assert stance_of("وقالت ألمانيا إنها سترسل دبابات إلى أوكرانيا.").status == "asserted"
    assert stance_of("وتتفاوض مصر مع فرنسا لشراء مقاتلات.").status == "speculative"


def test_what_the_media_reported_is_a_claim():
    stance = stance_of("ونفت كييف ما تداولته وسائل إعلام الإيرانية عن وصول مسيرات.")
    assert stance.claimed_by == ("IR",)
    assert stance.denied_by == ("UA",)


def test_negated_report_is_still_no_claim():
    assert stance_of("ولم تذكر مصر أن روسيا أرسلت أسلحة.").claimed_by == ()


@pytest.mark.parametrize(
    "text, denied",
    [
        ("ونفت تركيا ما تردد عن تأخير تسليم المسيرات إلى أوكرانيا.", ()),
        ("ونفت تركيا إلغاء صفقة المسيرات مع أوكرانيا.", ()),
        ("ونفت تركيا تسليم المسيرات إلى أوكرانيا.", ("TR",)),
    ],
)
def test_denial_of_a_delay_or_cancellation_denies_nothing(text, denied):
    assert stance_of(text).denied_by == denied
