#!/usr/bin/env python3
"""Plain-`re` baseline: 10 line-local patterns, prints PATH:LINE:RULE per hit.

    python3 baseline_regex.py [--jobs N] [--print-alternation] DIR_OR_FILE...

Copied unchanged (but for this paragraph) from the project's benchmark kit,
../shared/bench/baseline_regex.py, written with gen_corpus.py to time "peer"
tools on the synthetic corpus. It is the naive floor cablelint is compared
with in benchmarks/bench.py: keep it as it is, or the ratio means nothing.
"""
import os, re, sys
from multiprocessing import Pool

NAMES = ("Tarek Nassif|Leila Hadjadj|Viktor Samsonenko|Amina Diallo|Farid Qureshi|"
         "Olga Bessarabova|Hamid Zarafshan|Rosa Echeverri|Kwame Asante-Boateng|"
         "Yusuf Demirtas|Mei-Ling Zhou|Pavel Drozdov|Nadia Rahmatullah|Jorge Villalobos|"
         "Samir Khalidi|Irina Volkonskaya|Obinna Eze|Dariush Farahani|Selin Arslan|"
         "Tomasz Wierzbicki|Ahmad Shah Noori|Lucia Ferraro|Hassan Barzani|Ana Kovacevic|"
         "Rustam Yuldashev|Chen Guolin|Miriam Adeyemi|Karim Belhadj|Svetlana Moroz|"
         "Juan Pablo Arriaga")
Y_LATE = r"20(?:3[6-9]|[4-9][0-9])"  # latest cable 2010 + 25 years = 2035
PATTERNS = {  # same regex text is used for rg and semgrep (see README)
    "para_no_mark": r"^\[?¶?[0-9]{1,3}\.(?:\]\(#\))? +[^( \r\n]",
    "ts_portion": r"\(TS(?:/NF)?\)",
    "decl_early": r"DECL: *(?:[0-9]{2}/[0-9]{2}/19[0-9]{2}|19[0-9]{2}/[0-9]{2}/[0-9]{2})",
    "decl_late": r"DECL: *(?:[0-9]{2}/[0-9]{2}/%s|%s/[0-9]{2}/[0-9]{2})" % (Y_LATE, Y_LATE),
    "oadr_new_eo": r"E\.O\. *1(?:2958|3526): *DECL: *OADR",
    "reason_15": r"1\.5[ (),/A-Za-z]*?(?:\(|/| AND | and |,| )[H-Zh-z]\b",
    "reason_14": r"1\.4[ (),/A-Za-z]*?(?:\(|/| AND | and |,| )[I-Zi-z]\b",
    "tags_malformed": r"^TAGS(?: |:[ \t]*\r?$|:.*;|:(?:.*, | |.* \[|\[)"
                      r"(?:[A-Z]{3}|[A-Z]{5,}|[a-z]{2,4}|[A-Z]{3}[0-9])(?:,|\]|\r?$))",
    "section_gap": r"SECTION (?:0[2-9] OF 01|0[3-9] OF 02|0[4-9] OF 03)",
    "protect_name": r"(?i:%s)" % NAMES,
}
COMPILED = [(k, re.compile(v)) for k, v in PATTERNS.items()]


def scan(path):
    hits = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            for name, rx in COMPILED:
                if rx.search(line):
                    hits.append("%s:%d:%s" % (path, n, name))
    return hits


def files(args):
    for a in args:
        if os.path.isdir(a):
            for root, _, names in os.walk(a):
                yield from (os.path.join(root, f) for f in sorted(names) if f.endswith(".txt"))
        else:
            yield a


if __name__ == "__main__":
    argv, jobs = sys.argv[1:], 1
    if argv and argv[0] == "--print-alternation":
        sys.exit(print("|".join("(?:%s)" % v for v in PATTERNS.values())))
    if len(argv) > 1 and argv[0] == "--jobs":
        jobs, argv = int(argv[1]), argv[2:]
    out = sys.stdout
    if jobs > 1:
        with Pool(jobs) as pool:
            for hits in pool.imap(scan, files(argv), chunksize=64):
                out.write("".join(h + "\n" for h in hits))
    else:
        for path in files(argv):
            out.write("".join(h + "\n" for h in scan(path)))
