"""informed.pdf.print_order: a part read later but printed earlier moves to its print slot."""

from __future__ import annotations

from informed.pdf import print_order


def test_a_block_moves_to_its_slot_and_nowhere_else():
    html = ("<div>cover<!--print-slot:outside--></div><div>inside</div>"
            "<!--print-into:outside--><p>flap</p><p>back</p><!--/print-into:outside--><p>end</p>")
    assert print_order(html) == ("<div>cover<p>flap</p><p>back</p></div><div>inside</div>"
                                 "<p>end</p>")


def test_a_block_without_a_slot_stays_where_it_is_read():
    html = "<p>a</p><!--print-into:nowhere--><p>b</p><!--/print-into:nowhere-->"
    assert print_order(html) == html


def test_blocks_for_different_slots_do_not_mix():
    html = ("<!--print-slot:one--><!--print-slot:two-->"
            "<!--print-into:two-->2<!--/print-into:two--><!--print-into:one-->1"
            "<!--/print-into:one-->")
    assert print_order(html) == "12"


def test_a_page_with_no_markers_is_unchanged():
    html = '<p>Text with <!-- a comment --> and a "print-into:" in words.</p>'
    assert print_order(html) == html
