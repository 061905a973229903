#!/usr/bin/env python3
"""Validate /root/heldout11/reference_drafts.json against the drafting cases.

Checks:
  * key set is exactly case-01 .. case-40, each value {"subject": str, "body": str}
  * channel rules, with the channel read from drafting/case-NN.yaml:
      email            -> non-empty single-line subject <= 70 chars, body 60-180 words
                          unless the case sets its own word range below
      linkedin-message -> empty subject
      linkedin-note    -> empty subject, body <= 200 characters
  * plain text: no markdown headings, bullets, bold or links
  * word limits the users asked for (and the length the brief implies for "short" asks)
  * per-case details from the private notes that must not appear
  * per-case strings that must appear (preferred name, requested sign-off, key facts)
Prints OK when everything passes, otherwise one line per problem.
"""
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DRAFTS = os.path.join(HERE, "reference_drafts.json")
CASES = os.path.join(HERE, "drafting")

# Word ranges: explicit user limits (05, 23) plus lengths the user asked for in words
# like "short"/"not too long", taken from the case's good_draft_would.
WORD_RANGE = {
    "case-04": (60, 180),
    "case-05": (1, 120),   # user: "max 120 words"
    "case-12": (50, 110),  # user: "keep it short he hates long emails"
    "case-21": (60, 150),  # user: "keep it short"
    "case-23": (1, 120),   # user: "Max 120 words please"
    "case-28": (60, 130),  # user: "short-ish"
    "case-30": (1, 120),   # user: "not too long"
    "case-33": (60, 120),  # user: "quick congrats email"
    "case-39": (60, 110),  # user: "keep it short, he hates long emails"
}

# Patterns are Python regexes, matched case-insensitively against subject + body.
FORBIDDEN = {
    "case-01": [r"\bCOO\b", r"Shaz", r"\bRaj\b", r"Graham", r"Beatrix", r"Head of Operations",
                r"outside hire", r"Ms Okonkwo", r"why you left", r"sore"],
    "case-02": [r"price", r"6\.5", r"renegotiat", r"\bQ3\b", r"Carla", r"paternity"],
    "case-03": [r"Blooms", r"Twine", r"Ellie", r"rumou?r", r"stop(ping)? weddings", r"petal", r"1 ?am"],
    "case-04": [r"freeze", r"vacanc", r"band 8", r"Chief Pharmacist", r"hiring"],
    "case-05": [r"Declan", r"\bLorc\b", r"falling out", r"left Hobbs", r"\bAssociate\b(?! Director)"],
    "case-06": [r"Nordbrae", r"28 Mar", r"\b52\b", r"58k", r"baby", r"tired", r"long night",
                r"budget review", r"on hold", r"paused", r"other offer"],
    "case-07": [r"\bOlu\b", r"Collections Assistant", r"Brackwater", r"applied", r"\bjob\b", r"vacanc"],
    "case-08": [r"bonus", r"\+?3k", r"\+?2k", r"Norwick", r"Calder", r"6 Jan", r"Maja", r"sister",
                r"negotiat", r"background check"],
    "case-09": [r"reject", r"2021", r"Tamsen", r"\bBuyer\b", r"Purchasing", r"Gijs"],
    "case-10": [r"Harcourt", r"\bMeg\b", r"\bpay", r"Trials Assistant", r"Agronomist", r"GS-PB"],
    "case-11": [r"Berlin", r"long run", r"26\.1", r"24:51", r"25:30", r"\bDev\b", r"partner",
                r"budget week", r"ICAEW", r"hurt"],
    "case-12": [r"lab move", r"moving the (QC )?lab", r"annoyed", r"Senior QC Analyst", r"\bvent", r"relocat"],
    "case-13": [r"Lighthouse Hare", r"dummy", r"Quillfeather", r"portfolio", r"illustrat", r"pitch",
                r"picture book"],
    "case-14": [r"knee", r"\boperation\b", r"\bop\b", r"450", r"£", r"fully retired", r"retirement",
                r"\bcc\b", r"I've copied", r"I have copied", r"copying (her|Hana) in"],
    "case-15": [r"retir", r"\bboss\b", r"VTS", r"recruit", r"cadetship"],
    "case-16": [r"VetaCare", r"takeover", r"bought", r"Fernhill", r"why I left", r"Sophie"],
    "case-17": [r"Millgate", r"hospital", r"\bbid\b", r"Kobby", r"Operations Director",
                r"temporary works register", r"setting-out", r"hire her again", r"Ridgeline"],
    "case-18": [r"Senior Buyer", r"\bJess\b", r"pushed", r"didn't get", r"Retail Week"],
    "case-19": [r"Ofsted", r"Requires Improvement", r"Tansley", r"\b5 schools", r"five schools"],
    "case-20": [r"\blate\b", r"two weeks", r"2 weeks", r"650", r"day rate", r"\bDom\b",
                r"(we'll|we will) cover", r"nothing yet", r"still waiting"],
    "case-21": [r"Brightline", r"pushed", r"union", r"\bson\b", r"birthday", r"\bMo\b", r"\bGus\b",
                r"Hélène", r"Arlo"],
    "case-22": [r"Hattie", r"stand again", r"stepping", r"step down", r"\bterm\b", r"Deputy",
                r"Gerald", r"\bKath\b", r"mobile", r"Treasurer"],
    "case-23": [r"Senior Associate", r"\bDev\b", r"drainage", r"sharp", r"RIBA scheme", r"Cardiff"],
    "case-24": [r"\bsell", r"big groups?", r"£", r"prices", r"Fitch", r"locum", r"grumpy",
                r"Dr Menon", r"placement"],
    "case-25": [r"Maureen", r"\broof\b", r"\bboard\b", r"award", r"lanternyard\.example", r"split",
                r"cried"],
    "case-26": [r"Tamsin", r"glyphosate", r"reply-?guy", r"Sourcing Manager", r"Sourcing Mgr"],
    "case-27": [r"October", r"cash ?flow", r"discount", r"Turnstone", r"\bxx?\s*$", r"printer delays"],
    "case-28": [r"near[- ]miss", r"incident", r"2023", r"fly floor", r"@", r"accident",
                r"between us"],
    "case-29": [r"undercharg", r"\bAnna\b", r"https?:", r"www\.", r"bounced"],
    "case-30": [r"unhappy", r"ward manager", r"burn", r"\bHDU\b", r"Ward 7 isn"],
    "case-31": [r"\bOrla\b", r"minutes for", r"playing time", r"Halvorsen", r"Senior Associate",
                r"\bpartner\b", r"\bhir(e|ing)\b", r"\bjob\b", r"text thread"],
    "case-32": [r"governor", r"\bpanel\b", r"scuffle", r"Kacper", r"Elijah", r"Mrs\.? Ampofo",
                r"Calder Leeds", r"bake sale"],
    "case-33": [r"\bYus\b", r"\bloft\b", r"planning", r"objection", r"Pell", r"Defne", r"\bNHS\b",
                r"\brefer", r"recommend"],
    "case-34": [r"Arjun", r"county", r"0\.3", r"qualif", r"Steve", r"£", r"hoodie", r"Dunlin"],
    "case-35": [r"Scotland", r"Kemi", r"\bmov(e|ing)\b", r"sesame", r"allerg", r"nativity",
                r"sheep", r"\bstar\b"],
    "case-36": [r"Ardent", r"0\.19", r"£", r"5 ?wk", r"five[- ]week", r"lead time", r"Liam",
                r"Siobhan"],
    "case-37": [r"\bCEO\b", r"escalat", r"credit note", r"CN-88", r"backorder", r"invoice",
                r"Dr\.? Harrow", r"Dr\.? Felix", r"pric(e|ing)", r"product", r"Amara"],
    "case-38": [r"invoice", r"\blate\b", r"wilted", r"Bramble", r"Coordinator", r"\bP\b"],
    "case-39": [r"€", r"\b150\b", r"\bfees?\b", r"price", r"VAT return", r"\blate\b", r"Hanlon",
                r"Sinéad"],
    "case-40": [r"helpdesk", r"Gary", r"day off", r"reassign", r"furious", r"bounced", r"escalat",
                r"covering"],
}

# Plain substrings (case-sensitive) that must appear in the body.
REQUIRED = {
    "case-01": ["Hi Bea,", "Leeds", "14th", "Harrowgate Cold Chain", "coffee"],
    "case-02": ["Sunny", "Regional Sales Director"],
    "case-03": ["Dear Marguerite", "27 April", "10%", "Ashcombe", "Anouk Verbeek"],
    "case-04": ["Grace", "Owen", "20 minutes", "not a job"],
    "case-05": ["Hi Lorcan", "FR-0412", "Millbeck", "Ashgrove", "Priya"],
    "case-06": ["Priyanka", "curtailment", "flexible connection", "battery", "export cap"],
    "case-07": ["Seun", "registration"],
    "case-08": ["Tobi", "13 January", "lunch", "Lena"],
    "case-09": ["Akosua", "24-1187", "30 September", "IATF 16949", "CV"],
    "case-10": ["Rudy", "Plant Breeding", "applied"],
    "case-11": ["Sade", "Charity Finance Group", "Nkechi"],
    "case-12": ["Hi Mat", "QCM-2291", "jude.amadi@example.com", "cheers, Jude"],
    "case-13": ["Ros", "Merrow & Finch"],
    "case-14": ["Gareth", "Hana Sato", "SkyGauge", "day rate", "Rhys"],
    "case-15": ["Ingrid", "3 to 31 March", "Tiago"],
    "case-16": ["Pip", "Carrowmore", "GDV", "Keeley x"],
    "case-17": ["Kwabena", "MCIOB", "six weeks", "Best wishes,\nSinéad"],
    "case-18": ["Thandi", "catch up"],
    "case-19": ["Rui", "15 June", "CPD", "Chioma"],
    "case-20": ["Oskar", "30 May", "Winter Lights", "Best,\nHollie"],
    "case-21": ["Teo", "NGH-2291", "Kelso Rd", "Cheers,\nCallum"],
    "case-22": ["Harriet", "CFO", "Fenwick Valley"],
    "case-23": ["Inês", "UWE", "Jomo"],
    "case-24": ["Priyanka", "Level 3", "With thanks,\nEllie"],
    "case-25": ["Gid", "catch up"],
    "case-26": ["Seun", "20-minute", "Rhiannon"],
    "case-27": ["Marisol", "6 November", "Thursday 13", "20 November", "£8", "34", "Warmly,\nBea"],
    "case-28": ["Kobby", "Lucía", "Martin"],
    "case-29": ["Annelise", "calculator"],
    "case-30": ["Fiona", "301-CC-2417", "Marisa"],
    "case-31": ["Niamh", "Zara", "34", "patent bar", "Kiran"],
    "case-32": ["Grace", "Étienne", "The Calder York", "trial shift", "Best,\nDariusz"],
    "case-33": ["Yusuf", "Karaca Physio & Rehab", "Best wishes,\nAnne (no. 12)"],
    "case-34": ["Meera", "Saltmarsh"],
    "case-35": ["Olu", "ACCA", "coffee", "financial controller"],
    "case-36": ["Siobhán", "QR-7781", "14 August", "50,000", "22 September"],
    "case-37": ["Felix", "Corvid", "Ngozi"],
    "case-38": ["Priscilla", "Morag", "wedding"],
    "case-39": ["Midlands Builders' Guild", "three", "Thanks a million,\nRóisín"],
    "case-40": ["Anjali", "SR-55904", "38", "Kezia", "Bowie-Dick", "Kind regards,\nGareth"],
}

MARKDOWN = [r"^\s*#", r"^\s*[-*+]\s", r"\*\*", r"__", r"\[[^\]]*\]\(", r"^\s*>", r"`"]


def words(text):
    return len(text.split())


def main():
    problems = []
    with open(DRAFTS, encoding="utf-8") as f:
        drafts = json.load(f)

    expected = {"case-%02d" % i for i in range(1, 41)}
    if set(drafts) != expected:
        problems.append("key set mismatch: missing %s, extra %s"
                        % (sorted(expected - set(drafts)), sorted(set(drafts) - expected)))

    for key in sorted(expected & set(drafts)):
        d = drafts[key]
        if not isinstance(d, dict) or set(d) != {"subject", "body"}:
            problems.append("%s: value must be an object with exactly subject and body" % key)
            continue
        subj, body = d["subject"], d["body"]
        if not isinstance(subj, str) or not isinstance(body, str):
            problems.append("%s: subject and body must be strings" % key)
            continue
        if not body.strip():
            problems.append("%s: empty body" % key)

        with open(os.path.join(CASES, key + ".yaml"), encoding="utf-8") as f:
            case = yaml.safe_load(f)
        channel = case["request"]["channel"]
        n = words(body)

        if channel == "email":
            if not subj.strip():
                problems.append("%s: email needs a subject" % key)
            if "\n" in subj:
                problems.append("%s: subject must be one line" % key)
            if len(subj) > 70:
                problems.append("%s: subject %d chars > 70" % (key, len(subj)))
            lo, hi = WORD_RANGE.get(key, (60, 180))
            if not lo <= n <= hi:
                problems.append("%s: email body %d words, want %d-%d" % (key, n, lo, hi))
        elif channel in ("linkedin-message", "linkedin-note"):
            if subj != "":
                problems.append("%s: %s must have an empty subject" % (key, channel))
            if channel == "linkedin-note" and len(body) > 200:
                problems.append("%s: note body %d chars > 200" % (key, len(body)))
            if key in WORD_RANGE:
                lo, hi = WORD_RANGE[key]
                if not lo <= n <= hi:
                    problems.append("%s: body %d words, want %d-%d" % (key, n, lo, hi))
        else:
            problems.append("%s: unknown channel %r" % (key, channel))

        full = subj + "\n" + body
        for pat in MARKDOWN:
            if re.search(pat, full, re.M):
                problems.append("%s: looks like markdown (%s)" % (key, pat))
        for pat in FORBIDDEN.get(key, []):
            m = re.search(pat, full, re.I | re.M)
            if m:
                problems.append("%s: forbidden detail %r found (%r)" % (key, pat, m.group(0)))
        for s in REQUIRED.get(key, []):
            if s not in body:
                problems.append("%s: required text %r missing" % (key, s))

    missing_rules = expected - set(FORBIDDEN)
    if missing_rules:
        problems.append("no forbidden-detail rules for %s" % sorted(missing_rules))

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK: %d drafts checked (keys, types, channel rules, word limits, "
          "%d forbidden-detail patterns, %d required strings)"
          % (len(drafts), sum(len(v) for v in FORBIDDEN.values()),
             sum(len(v) for v in REQUIRED.values())))


if __name__ == "__main__":
    main()
