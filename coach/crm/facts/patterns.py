"""The words a note's clause is filed by (the embedded tier's rules): favours, shared work, news, offers, roles,
meetings, talks, occasions, to-dos and personal details, each as a regular expression over the note's own words.

`coach.crm.facts.clause_reader` reads a clause with them; nothing here rewrites a note.
"""

from __future__ import annotations

import re

FAVOUR = re.compile(r"(helped|mentored|introduced|intro'?d|referred|recommended|reviewed|gave|coached|vouched|"
                    r"walked|showed|interviewed|hired|covered|lent|sent|shared|connected|sponsored|"
                    r"invited|hosted|reached out|pushed|championed)\b")
# Verbs that are a favour only when the user is their object ("posted me a signed copy", "spent an hour with me",
# "fixed my CV"; "spent two years at Google", "fixed her own nametag" are not).
FAVOUR_TO_ME = re.compile(r"(posted|mailed|gifted|spent|answered|explained|pointed|made time|took the time|drove|"
                          r"picked up|put up|fed|taught|fixed)\b")  # "taught chemistry for 22 years" is their career
# Something done side by side, said with "together" ("we did the night-shift rotation together", "we took the
# same bar course together"): a verb that alone says nothing shared.
TOGETHER_SAID = re.compile(r"(?:did|took|covered|survived|finished|completed|trained|volunteered|served|went through|"
                           r"sat|passed|crewed|staffed|coached|played|sang|toured|drove)\b[^.;]*\btogether\b")
TOGETHER = re.compile(r"(worked|built|shipped|planned|ran|paired|co-?founded|launched|organi[sz]ed|studied|"
                      r"wrote|co-?wrote|rewrote|led|rebuilt|migrated|designed|hacked|taught|started|shared|co-?organi[sz]ed|"
                      r"co-?led|co-?ran|co-?taught|co-?maintained|maintained|"
                      r"co-?hosted|hosted|presented|spoke|reviewed|mentored)\b")
NEWS = re.compile(r"(joined|started|moved|left|launched|got|became|was promoted|promoted|raised|published|won|"
                  r"closed|finished|founded|opened|shipped|released|announced|switched)\b"
                  # a meeting joined or left, or a time it lasted, is no news: "joined for 20 min", "left early",
                  # "joined the call late", "got there at 9", "raised prices" (their firm's pricing, not their news)
                  r"(?!\s+(?:for\s+(?:\d|a\s+(?:few|couple)|an?\s+(?:hour|minute))|early|late|halfway|"
                  r"(?:the|our|a)\s+(?:call|meeting|zoom|teams|session|chat|webinar|thread|channel)\b|"
                  r"there\b|prices?\b))")
# News written without its subject in a note about them ("Just named Dean of Engineering", "won the X Prize").
PASSIVE_NEWS = {"named", "appointed", "elected", "promoted", "awarded", "honored", "honoured", "selected", "shortlisted",
                "nominated"}
SHORT_NEWS = re.compile(r"(" + "|".join(sorted(PASSIVE_NEWS)) + r"|won|became|launched|published|founded|raised|"
                        r"opened|released|made)\b(?!\s+(?:me|us|my|our)\b)", re.IGNORECASE)
# What "is/was …" says that is news: a move, a role, a launch ("was dressed as a pumpkin" is none).
BE_NEWS = (r"(?:promoted|named|appointed|elected|hired|starting|joining|moving|launching|raising|hiring|leading|"
           r"building|running|opening|expanding|retiring|relocating|founding|publishing|heading|taking over|"
           r"stepping up|becoming)\b")
# Month and year words: a news line needs more than a date after its verb ("opened 2016" says nothing).
DATE_WORDS = (r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(?:19|20)\d\d\b|"
              r"\b(?:in|on|last|this|since|ago|year|month|week)\b)")
RELATIVE_TAIL = re.compile(r"\s+(?:last\s+(?:night|week|month|year|\w+day)|yesterday|today|tonight|this\s+(?:morning|"
                           r"afternoon|evening|week|month)|earlier today|the other day)\b.*$", re.IGNORECASE)
# Where the user heard it: not part of the news ("per alumni newsletter", "via LinkedIn").
SOURCE_TAIL = re.compile(r"\s+(?:per|via|according to|acc\.? to|h/t|as per|(?:saw|read|heard)(?: it)? (?:on|in|from))\s+"
                         r"(?:the\s+|an?\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,3}?(?:newsletter|linkedin|post|article|"
                         r"e-?mail|news|announcement|grapevine|twitter|x|blog|press release|website|slack)\b.*$",
                         re.IGNORECASE)
OFFER = re.compile(r"\b(get back in touch|get in touch|reach out|ping|stay in touch|keep in touch|let (?:her|him|"
                   r"them) know|come back|contact (?:her|him|them)|touch base|give (?:her|him|them) a shout|"
                   r"check back|reconnect)\b")
CONDITION = re.compile(r"\b((?:when|once|if|whenever|after|as soon as)\s+(?:[^.;!?]|\.(?=\w)){3,80}|in (?:the )?(?:spring|summer|"
                       r"autumn|fall|winter|new year|(?:January|February|March|April|May|June|July|August|September|"
                       r"October|November|December)(?: \d{4})?)\b|next (?:week|month|quarter|year))")
# What they said they would do for me: "is happy to intro me", "can review my CV", "would love to help".
WILLING = re.compile(r"(?:is |are |would be |'d be |will be )?(?:(?:happy|glad|keen|willing|delighted|more than "
                     r"happy) to|(?:can|could|will|would love to|'d love to) )\s*(?P<x>(?:intro|introduce|refer|review|"
                     r"help|connect|send|share|pass|forward|put|look|recommend|vouch|mentor|chat|meet|grab|walk|show|"
                     r"take a look|hop on)\b.*(?:\b(?:me|my|I)\b).*)$", re.IGNORECASE)
ROLE = re.compile(r"\b(?P<past>(?i:was |ex-|former |old |previous ))?(?i:my) (?:(?P<mod>(?i:old|former|previous|first|"
                  r"capstone|thesis|phd|ph\.d\.|doctoral|dissertation|masters?|master's|research|lab|internship|"
                  r"co-op|residency|program|grad school|undergrad|high school|college|piano|swim|debate|writing|clinical|"
                  r"line|hiring|external) )?)"
                  r"(?P<role>(?i:manager|boss|lead|team lead|tech lead|mentor|director|skip-level|report|cofounder|"
                  r"co-founder|advisor|adviser|supervisor|professor|teacher|tutor|coach|instructor|chief|examiner|"
                  r"preceptor|captain|foreman|editor|sponsor)|TA\b|PI\b)(?: (?i:on|in) (?P<team>the [\w -]{2,40}?"
                  r" (?i:team|group|squad|org)))?(?: (?P<prep>(?i:at|on)) (?P<company>[A-Z]"
                  r"[\w&'’.-]*(?: [A-Z][\w&'’.-]*)*))?(?:[ ,(]*(?:from )?(?P<y1>(?:19|20)\d\d)\s*(?:-|–|to)\s*"
                  r"(?P<y2>(?:19|20)\d\d|now|present)|[ ,(]*(?:in )?(?P<y0>(?:19|20)\d\d)\b)?")
MET = re.compile(r"\b(?:met|ran into|bumped into)(?: (?:her|him|them|up|[\w'’-]+)){0,3}?\s+(?:at|@|in|during)\s+"
                 r"(?P<where>[^,.;!?]{3,70})", re.IGNORECASE)
TALKED = re.compile(r"\b(?:talked|chatted|spoke|discussed)\s+(?:for [\w ]{2,20}? (?=about))?(?:about\s+|re:?\s+)?"
                    r"(?!for\b|with\b|to\b)(?P<what>[^,.;!?]{3,70})", re.IGNORECASE)
# A to-do the user wrote to themselves ("send her my talk recording", "ask about the opening"): no shared history.
TO_DO_LINE = re.compile(r"^(?:todo|to do|to-do|tbd|next|remember to|need to|must|should|follow up|send|ask|email|ping|"
                  r"check|look up|find|book|schedule|call|write|share|read)\b", re.IGNORECASE)
TOGETHER_AT = re.compile(r"\b(?i:worked together|worked with \w+|(?:ex-)?colleagues?|teammates?|same team)\b(?: (?i:at|on) "
                         r"(?P<company>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*)*))?(?:[ ,(]*(?:from )?(?P<y1>(?:19|20)"
                         r"\d\d)\s*(?:-|–|to)\s*(?P<y2>(?:19|20)\d\d))?(?:\)?\s+on\s+(?P<project>[^,.;()]{3,50}))?")
OCCASION = re.compile(r"(?P<what>coffee|lunch|dinner|drinks|breakfast)\s+(?P<prep>at|after|during)\s+"
                      r"(?P<event>[^,.;!?()]{3,60})", re.IGNORECASE)
PRIVATE_NEWS = re.compile(r"\b(?:married|engaged|divorc\w*|pregnan\w*|funeral|passed away|died|illness|surgery|cancer|"
                          r"hospital\w*|diagnos\w*|miscarr\w*|separated|widow\w*|rehab|sick leave)\b")
PERSONAL = re.compile(r"\b(kids?|daughter|son|wife|husband|partner|dog|cat|marathon|climb\w*|hiking|baby|wedding|"
                      r"vacation|holiday|loves?|hobby|birthday)\b", re.IGNORECASE)
# A tail in the present tense after a past favour ("… when my train gets cancelled"): told as it happened, left out.
PRESENT_TAIL = re.compile(r",?\s+(?:when|while|because|as|after)\s+[^,.;]*\b(?:gets|is|are|has|does|goes|comes)\b.*$")
# Their thanks to the user ("sent a thank-you note", "sent thanks"): a courtesy, never a favour to thank them for.
THANKS = re.compile(r"\bthank(?:s|-you|\s+you)?\b(?:\s+(?:note|card|email|message|gift))?", re.IGNORECASE)
# A remark the user keeps to themselves: marked private ("NOT for her ears", "team only, pls don't share",
# "off mic", "between us"), an instruction to themselves ("do NOT push her on timing", "skip for now"), or a
# feeling or judgement about the person or their firm ("still sore about it", "blocker??", "embarrassing"). A
# message never says it, so no fact is read from the sentence that holds it.
PRIVATE_REMARK = re.compile(
    r"\b(?:private(?:ly)?|confidential|internal only|team only|for my eyes|between (?:us|you and me|ourselves)|"
    r"off the record|off[- ]mic|off air|not on air|under nda|nda\b|not for (?:[\w'’]+\s+){0,2}ears|"
    r"(?:don'?t|do not|dont|never|not to)\s+(?:share|tell|mention|bring (?:it |this |that )?up|repeat|say|raise|"
    r"push|pitch|ask (?:her|him|them) about)|keep (?:it|this|that) (?:quiet|to myself|between)|hush|"
    r"still (?:sore|bitter|upset|annoyed|angry|salty)|sore (?:about|at|that)|grudge|blocker\b|skip (?:her|him|them|for now)|"
    r"gossip|embarrass\w*|awkward|cringe|(?:she|he|they) (?:hates?|can'?t stand|dislikes?)\b|"
    r"(?:not|never) (?:her|his|their) (?:fault|call)|my (?:guess|hunch|read) is|rumou?r\w*)\b",
    re.IGNORECASE)
