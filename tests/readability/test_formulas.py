"""Every formula against figures worked by hand from the counts (arithmetic in the comments)."""

from __future__ import annotations

import pytest

from informed.readability import analyse_text
from informed.readability import metrics as m
from informed.readability.report import Counts

# One set of round counts for every formula: ASL = 100/5 = 20 words per sentence,
# ASW = 150/100 = 1.5 syllables per word, L = 450 letters per 100 words,
# S = 5 sentences per 100 words.
COUNTS = Counts(sentences=5, words=100, syllables=150, letters=450, characters=460,
                polysyllables=10, complex_words=8, words_4_syllables=4, long_words=20)


@pytest.mark.parametrize(("formula", "expected"), [
    # 206.835 - 1.015*20 - 84.6*1.5 = 206.835 - 20.3 - 126.9 = 59.635
    (m.flesch_reading_ease, 59.635),
    # 0.39*20 + 11.8*1.5 - 15.59 = 7.8 + 17.7 - 15.59 = 9.91
    (m.flesch_kincaid_grade, 9.91),
    # 1.0430*sqrt(10*30/5) + 3.1291 = 1.0430*sqrt(60) + 3.1291
    #   = 1.0430*7.7459667 + 3.1291 = 8.0790433 + 3.1291 = 11.2081433
    (m.smog, 11.2081433),
    # 0.4*(20 + 100*8/100) = 0.4*28 = 11.2
    (m.gunning_fog, 11.2),
    # 0.0588*450 - 0.296*5 - 15.8 = 26.46 - 1.48 - 15.8 = 9.18
    (m.coleman_liau, 9.18),
    # 4.71*(460/100) + 0.5*20 - 21.43 = 21.666 + 10 - 21.43 = 10.236
    (m.ari, 10.236),
    # German, Amstad: 180 - 20 - 58.5*1.5 = 180 - 20 - 87.75 = 72.25
    (m.amstad, 72.25),
    # Spanish, Fernández-Huerta: 206.84 - 0.60*150 - 1.02*20 = 206.84 - 90 - 20.4 = 96.44
    (m.fernandez_huerta, 96.44),
    # Spanish, Szigriszt-Pazos: 206.835 - 62.3*1.5 - 20 = 206.835 - 93.45 - 20 = 93.385
    (m.szigriszt_pazos, 93.385),
    # French, Kandel-Moles: 207 - 1.015*20 - 73.6*1.5 = 207 - 20.3 - 110.4 = 76.3
    (m.kandel_moles, 76.3),
    # Italian, Gulpease: 89 + (300*5 - 10*450)/100 = 89 + (1500 - 4500)/100 = 89 - 30 = 59
    (m.gulpease, 59.0),
    # Dutch, Douma: 206.835 - 0.93*20 - 77*1.5 = 206.835 - 18.6 - 115.5 = 72.735
    (m.douma, 72.735),
    # Portuguese, Martins: 248.835 - 1.015*20 - 84.6*1.5 = 248.835 - 20.3 - 126.9 = 101.635
    (m.martins, 101.635),
    # Polish, FOG-PL: 0.4*(20 + 100*4/100) = 0.4*24 = 9.6
    (m.fog_pl, 9.6),
    # LIX: 20 + 100*20/100 = 40
    (m.lix, 40.0),
])
def test_formula_on_round_counts(formula, expected):
    assert formula(COUNTS) == pytest.approx(expected, abs=1e-6)


def test_uk_reading_age_is_the_us_grade_plus_five():
    # Flesch–Kincaid grade 9.91 (above) + 5 = 14.91
    assert m.uk_reading_age(m.flesch_kincaid_grade(COUNTS)) == pytest.approx(14.91)


def score(report, name):
    value = report.score(name)
    assert value is not None, name
    return value


def test_english_text_counted_and_scored_by_hand():
    report = analyse_text("The cat sat on the mat. It was happy.")
    c = report.counts
    # Sentences: 2. Words: The cat sat on the mat (6) + It was happy (3) = 9.
    # Syllables: eight words of 1 + hap-py (2) = 10.
    # Letters: The 3, cat 3, sat 3, on 2, the 3, mat 3, It 2, was 3, happy 5 = 27.
    assert (c.sentences, c.words, c.syllables, c.letters) == (2, 9, 10, 27)
    assert (c.polysyllables, c.long_words) == (0, 0)
    # FRE: 206.835 - 1.015*(9/2) - 84.6*(10/9) = 206.835 - 4.5675 - 94 = 108.2675
    assert score(report, "flesch_reading_ease") == pytest.approx(108.2675)
    # FK: 0.39*4.5 + 11.8*(10/9) - 15.59 = 1.755 + 13.1111111 - 15.59 = -0.7238889
    assert score(report, "flesch_kincaid_grade") == pytest.approx(-0.7238889)
    # Reading age: -0.7238889 + 5 = 4.2761111
    assert report.reading_age == pytest.approx(4.2761111)
    # SMOG with no polysyllables: 1.0430*0 + 3.1291
    assert score(report, "smog") == pytest.approx(3.1291)
    # Coleman–Liau: L = 27/9*100 = 300, S = 2/9*100 = 22.2222222;
    # 0.0588*300 - 0.296*22.2222222 - 15.8 = 17.64 - 6.5777778 - 15.8 = -4.7377778
    assert score(report, "coleman_liau") == pytest.approx(-4.7377778)
    # ARI: characters = letters = 27; 4.71*27/9 + 0.5*4.5 - 21.43 = 14.13 + 2.25 - 21.43 = -5.05
    assert score(report, "ari") == pytest.approx(-5.05)


def test_acronyms_numbers_and_polysyllables_in_an_english_text():
    report = analyse_text("Call NHS 111 today. Your information is confidential.")
    c = report.counts
    # Call 1, NHS 3 (en-aitch-es), 111 3 (one-one-one), to-day 2 = 9;
    # Your 1, in-for-ma-tion 4, is 1, con-fi-den-tial 4 = 10. Total 19 syllables, 8 words.
    assert (c.sentences, c.words, c.syllables) == (2, 8, 19)
    # 3+ syllables: NHS, 111, information, confidential = 4. Gunning's complex words leave
    # out the acronym and the phone number: 2. Over 6 letters: information, confidential.
    assert (c.polysyllables, c.complex_words, c.long_words) == (4, 2, 2)
    # Letters: Call 4, NHS 3, today 5, Your 4, information 11, is 2, confidential 12 = 41;
    # characters add the 3 digits of 111 = 44.
    assert (c.letters, c.characters) == (41, 44)
    # SMOG: 1.0430*sqrt(4*30/2) + 3.1291 = 1.0430*7.7459667 + 3.1291 = 11.2081433
    assert score(report, "smog") == pytest.approx(11.2081433)
    # Fog: 0.4*(8/2 + 100*2/8) = 0.4*(4 + 25) = 11.6
    assert score(report, "gunning_fog") == pytest.approx(11.6)
    # % of words of 3+ syllables: 4/8 = 50%
    assert report.percent_polysyllables == pytest.approx(50.0)


def test_german_uses_amstad_and_never_english_constants():
    report = analyse_text("Das Haus ist alt. Wir gehen heute nach Hause.", lang="de")
    # Words: 4 + 5 = 9. Syllables: Das, Haus, ist, alt, Wir, nach = 6 x 1; ge-hen, heu-te,
    # Hau-se = 3 x 2; total 12. ASL = 4.5, ASW = 12/9.
    assert (report.counts.words, report.counts.syllables) == (9, 12)
    # 180 - 4.5 - 58.5*12/9 = 180 - 4.5 - 78 = 97.5
    assert score(report, "amstad") == pytest.approx(97.5)
    assert [s.name for s in report.scores] == ["amstad", "lix"]
    assert report.reading_age is None


def test_spanish_uses_fernandez_huerta_and_szigriszt_pazos():
    report = analyse_text("La casa es grande. El día es bonito.", lang="es")
    # La 1, ca-sa 2, es 1, gran-de 2, El 1, dí-a 2, es 1, bo-ni-to 3 = 13 syllables, 8 words.
    assert (report.counts.words, report.counts.syllables) == (8, 13)
    # FH: 206.84 - 0.60*(100*13/8) - 1.02*4 = 206.84 - 97.5 - 4.08 = 105.26
    assert score(report, "fernandez_huerta") == pytest.approx(105.26)
    # SP: 206.835 - 62.3*(13/8) - 4 = 206.835 - 101.2375 - 4 = 101.5975
    assert score(report, "szigriszt_pazos") == pytest.approx(101.5975)


def test_french_uses_kandel_moles():
    report = analyse_text("Le chat dort. Il est content.", lang="fr")
    # Le 1, chat 1, dort 1, Il 1, est 1, con-tent 2 = 7 syllables, 6 words, 2 sentences.
    assert (report.counts.words, report.counts.syllables) == (6, 7)
    # 207 - 1.015*3 - 73.6*7/6 = 207 - 3.045 - 85.8666667 = 118.0883333
    assert score(report, "kandel_moles") == pytest.approx(118.0883333)


def test_italian_gulpease_counts_letters_only():
    report = analyse_text("Il gatto dorme. La casa è grande!", lang="it")
    # Letters (no punctuation): Il 2, gatto 5, dorme 5, La 2, casa 4, è 1, grande 6 = 25.
    assert (report.counts.sentences, report.counts.words, report.counts.letters) == (2, 7, 25)
    # 89 + (300*2 - 10*25)/7 = 89 + 350/7 = 89 + 50 = 139
    assert score(report, "gulpease") == pytest.approx(139.0)


def test_dutch_uses_douma():
    report = analyse_text("De kat slaapt. Het huis is groot.", lang="nl")
    # Seven words of one syllable each; ASL = 3.5, ASW = 1.
    assert (report.counts.words, report.counts.syllables) == (7, 7)
    # 206.835 - 0.93*3.5 - 77*1 = 206.835 - 3.255 - 77 = 126.58
    assert score(report, "douma") == pytest.approx(126.58)


def test_portuguese_uses_martins():
    report = analyse_text("O gato dorme. A casa é bonita.", lang="pt_BR")
    # O 1, ga-to 2, dor-me 2, A 1, ca-sa 2, é 1, bo-ni-ta 3 = 12 syllables, 7 words.
    assert (report.counts.words, report.counts.syllables) == (7, 12)
    # 248.835 - 1.015*3.5 - 84.6*12/7 = 248.835 - 3.5525 - 145.0285714 = 100.2539286
    assert score(report, "martins") == pytest.approx(100.2539286)


def test_polish_uses_fog_pl_with_words_of_four_or_more_syllables():
    report = analyse_text("Nie wiem. Informacja jest ważna.", lang="pl")
    # Nie 1, wiem 1, in-for-ma-cja 4, jest 1, waż-na 2: 9 syllables, 5 words, one of 4+.
    c = report.counts
    assert (c.words, c.syllables, c.words_4_syllables) == (5, 9, 1)
    # 0.4*(5/2 + 100*1/5) = 0.4*(2.5 + 20) = 9.0
    assert score(report, "fog_pl") == pytest.approx(9.0)
    assert [s.name for s in report.scores] == ["fog_pl", "lix"]


@pytest.mark.parametrize("lang", ["ro", "cy", "ur", "bn", "pa", "ar"])
def test_languages_without_a_validated_formula_get_lix_only_and_say_so(lang):
    text = {"ro": "Medicul vă poate ajuta. Sunați la numărul acesta.",
            "cy": "Mae eich meddyg yn gallu helpu. Ffoniwch ni heddiw.",
            "ur": "آپ کا ڈاکٹر مدد کر سکتا ہے۔ آج ہمیں فون کریں۔",
            "bn": "আপনার ডাক্তার সাহায্য করতে পারেন। আজ আমাদের ফোন করুন।",
            "pa": "ਤੁਹਾਡਾ ਡਾਕਟਰ ਮਦਦ ਕਰ ਸਕਦਾ ਹੈ। ਅੱਜ ਸਾਨੂੰ ਫ਼ੋਨ ਕਰੋ।",
            "ar": "يمكن لطبيبك مساعدتك. اتصل بنا اليوم."}[lang]
    report = analyse_text(text, lang=lang)
    assert [s.name for s in report.scores] == ["lix"]
    assert report.reading_age is None
    assert not report.validated
    assert report.note.startswith("No validated readability formula exists for")
    assert report.counts.sentences == 2


def test_lix_for_romanian_by_hand():
    report = analyse_text("Medicul vă poate ajuta. Sunați la numărul acesta.", lang="ro")
    # Words: Medicul, vă, poate, ajuta | Sunați, la, numărul, acesta = 8 words, 2 sentences.
    # Over 6 letters: Medicul (7), numărul (7) = 2. LIX = 8/2 + 100*2/8 = 4 + 25 = 29.
    assert (report.counts.words, report.counts.long_words) == (8, 2)
    assert score(report, "lix") == pytest.approx(29.0)


def test_an_empty_text_has_no_scores():
    report = analyse_text("")
    assert report.scores == []
    assert report.reading_age is None
