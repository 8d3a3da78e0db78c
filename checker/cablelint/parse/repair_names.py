"""The names of the parser's repairs of damaged text, each with the damage it undoes.

Kept apart from repair.py (the stage that makes the line-level repairs) because
it is data read by every recogniser that records a `Repair`, by `cablelint
inspect` and by the tests that check each recorded name is known.
"""
from __future__ import annotations

# Every repair the parser may make, by name: what damage it undoes.
REPAIRS = {
    "run-on-header": "header fields run together on one line, read as one line each",
    "spaced-banner": "a letter-spaced banner (C O N F I D E N T I A L) read as its level",
    "lost-first-letter": "a label or banner that lost its first letter (AGS:, UBJECT:, O N F I D E N T I A L)",
    "banner-after-preamble": "a banner found after export preambles or inside another line",
    "control-glued-to-serial": "a control run on after the banner's serial (000255NOFORNSIPDIS)",
    "pilcrow-as-1": "paragraph 1-9 written with a pilcrow and exported as 11-19, read back as 1-9",
    "markdown-debris": "markdown link debris ([PREL](#), [11.](#)) read through",
    "wrapped-field": "a field wrapped mid-word or over lines (FOR REAS / ONS 1.4 B/D) joined",
    "mark-after-reasons": ("a lone paragraph's mark at the end of the Classified By line "
                           "(1.4 (b) and (d) (C)) read as its text's"),
    "text-after-reasons": ("a paragraph's mark and text run on after the Classified By's reasons on its line "
                           "(1.4 (c)  (S/NF) HMG agrees ...) split off to a line of its own (clby_runon.py)"),
    "mark-after-ref": ("a lone paragraph's mark at the end of the REF line (REF: STATE 1234 (U)), its text "
                       "on the lines below, read as that text's"),
    "unlabelled-tags": "a line of TAGs right after the E.O. line, its TAGS label lost, read as TAGS",
    "caption-typo": "a caption word one letter off under the banner (SENSITVE) read as that caption",
    "split-label": "a label split over a line break (CLASSIFIED / BY:) read as one",
    "whole-copy": ("a header field or paragraph cut short in a first copy (1.4 (B,...) read from the file's later "
                   "whole copy"),
    "cut-copy": ("a first copy of the cable cut short by the export (its last line ends in an elision mark) "
                 "before the cable written again: the copy is read, a section banner and the caption lines written "
                 "twice counted once, the archive's metadata between read as no caption (copy_captions.py)"),
    "banner-again": ("a section banner or the caption lines written again word for word (the file's second copy "
                     "of the cable, not cut short) counted once"),
    "doubled-line-breaks": "a copy whose every line break was doubled (each line followed by an empty one) read with single ones",
    "glued-paragraph": "a paragraph number glued to the end of the previous line, read as a new paragraph",
    "damaged-label": "a header label with one letter lost or garbled (Classiied By:, E.0. for E.O.) read as that label",
    "glued-page-mark": ("a continuation page's mark run onto the end of the SUBJECT line (cut off), into "
                        "the REF line (kept out of its entry) or into a line of the body, read as a page mark"),
    "glued-caveat": ("a handling caveat line (SENSITIVE BUT UNCLASSIFIED - PLEASE ...) run onto the end "
                     "of the SUBJECT line, cut off"),
    "split-name": ("a Classified By name's word split by a blank inside a line (Do nald, the export ran "
                   "a wrapped line on) joined: a piece of small letters that is no word of its own"),
    "garbled-title-word": ("a Classified By title's last word garbled in transmission (CooQnator: a letter run "
                           "replaced by Q) before the name, read as the one title word it fits, no part of the name"),
    "stray-subject-line": ("a line in small letters after an upper-case SUBJECT wrapped over lines "
                           "(a heading, a date line, a note) read as no part of the SUBJECT"),
    "glued-ref-label": "a REF label glued to the SUBJECT's last word (MISSING AMCITREF:) cut off, its list read",
    "routing-in-subject": ("routing header text run into the SUBJECT (...COLLECTIVE IMMEDIATERUCPDOC/USDOC WASHDC "
                           "IMMEDIATE, an address line written out): noted, the SUBJECT kept as written (where its own "
                           "words end is not known)"),
    "glued-ref-item": ("a REF item's letter glued to the entry before it (telcon(B) BUENOS AIRES 0445) read as the "
                       "next entry's: the next letter, before a post and a number"),
    "csv-debris": ("a CSV export's row quoting (,,\"\", doubled quotes) dropped from SUBJECT, REF and DECL; "
                   "the archive's metadata row after the cable (0 02/23/2009 7601 PGOV,EG) and the title and "
                   "excerpt after it read as no part of the body"),
    "numbered-notice": ("a post's closing notice the drafter numbered (7.MINIMIZE CONSIDERED) kept as a paragraph "
                        "of kind notice: counted by the numbering, no portion"),
    "subject-after-blank": "a SUBJECT's last words after a blank line (a doubled-break export) read as its own",
    "unlabelled-ref": "a lone citation glued to the Classified By under the SUBJECT, its REF label lost, read as the REF",
    "wrapped-reference": ("a number at a line's start that ends a reference the export wrapped (in paragraph / "
                          "5. The) read as no paragraph"),
    "wrapped-year": "a year the export wrapped to a line's start behind a pilcrow (by / ¶2016. In) read as text",
    "repeated-paragraphs": ("a run of numbered paragraphs the export wrote again (4-7 again after 7) read once: "
                            "the copy left out of the paragraphs (CL906 reports the repeat)"),
    "label-colon": "a label with a colon before its value's first part (E.O.: 12958: N/A) read as that label",
    "glued-subject": ("the SUBJECT written again (a continuation page's heading) run onto a line of prose in the "
                      "body (... military contrib SUBJECT: SCENESETTER ...): noted as no part of the paragraph"),
    "archive-date": ("the archive's date and time (3/10/2005 16:26) left in the text by the export, read as the "
                     "cable's date where the text gives none of its own and the row can be this cable's "
                     "(archive_date.py)"),
    "heading-glued-paragraph": ("a paragraph run onto the line of its heading and rule of dashes, its number without a "
                                "dot (Haiti ----- 4 (C) The ...), read with its mark when the number is the one due "
                                "(heading_glued.py)"),
    "wrapped-number": ("a number other than a year the export wrapped to a line's start mid-sentence, behind a "
                       "pilcrow (ranked as Tier / ¶3. Thus), read as text (wrapped_numbers.py)"),
}
