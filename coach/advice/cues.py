"""The reader's rules as data: the cues that make a direction sure, the reluctance that turns being asked into a
decline, the role words for whom, the stakes. `coach.advice.reader` compiles them; adding a phrasing the reader
misses is one line here (and, for the classifier, a labelled phrasing in `coach.advice.phrasebook`).

Each cue is a regular expression matched on a word boundary, case-insensitively, against the user's own words.
"""

from __future__ import annotations

# Cues each direction is sure of, in order of precedence: a wish to say no (or to get out of something agreed)
# beats being asked; owning a lapse ("I never thanked her") beats thanking and following up; a lost job is news
# to tell; wanting back in touch after a silence is reconnecting. Each entry is one cue; they are joined per direction.
# A silence after the user's own move ("I haven't heard a thing since", "he hasn't called back"): a follow-up to
# make, and the other side's unanswered state, both read from the same words.
SILENCE = [r"(?:hasn'?t|haven'?t|has not|have not|didn'?t|did not|not) heard (?:a thing|anything|a word|a peep|back)",
           r"(?:hasn'?t|haven'?t|has not|have not|didn'?t|did not) (?:called|rung|rang|written|texted|emailed|phoned|"
           r"messaged) (?:me )?back"]
CUES: list[tuple[str, list[str]]] = [
    ("declining", [
        r"say(?:s|ing)? no", r"(?<!after )turn(?:ing)? (?:it |them |him |her |this |that )?down", r"decline|declining|refuse",
        r"don'?t want to (?:refer|recommend|vouch|introduce|give|write|be (?:a|his|her|their) refere(?:nce|e))",
        r"(?:don'?t|do not) (?:really )?want to (?:keep|continue|carry on|go on|do (?:it|this|that)|make it)",
        r"can'?t (?:vouch|recommend|endorse)", r"I can'?t do (?:that|it)", r"(?:really )?don'?t want to(?=[,.;!]| and\b)",
        r"answer is no", r"wrong to (?:vouch|refer|recommend)", r"wind (?:it|things) down", r"step back from",
        r"dodging", r"(?:been|keep) (?:ignoring|avoiding)", r"I'?m not able to help",
        r"(?:not |un)comfortable (?!ask|reach|approach|contact|network)\w+",
        r"(?:how|way) to (?:politely )?(?:say no|decline|refuse|turn)", r"without (?:burning|damaging)",
        r"(?:I'?d|I would) rather not (?:refer|write|do (?:it|this|that)|meet|introduce|help|be (?:a|his|her|their)|give|"
        r"vouch|recommend|go|take (?:it|this) on|join|get involved)", r"(?:get(?:ting)?|wriggle) out of", r"(?<!reach )(?<!reaching )(?<!reached )(?:back|bow|pull)(?:ing)? out",
        r"step(?:ping)? down", r"withdraw(?:ing)?", r"(?<!on )(?:a|the) way out", r"hold(?:ing)? back",
        r"can'?t be (?:his|her|their|your|a) (?:reference|referee)", r"tell (?:him|her|them) (?:I can'?t|no)\b",
        r"lean(?:ing)? (?:towards? )?(?:not|no)\b", r"shut (?:this|it) down", r"tell (?:him|her|them) we'?re done",
        r"no way I can", r"dread(?:ing)? (?:our|every|each)",
        r"(?:reply|respond|answer|get back)(?:ing)? (?:to )?(?:\w+ ){0,4}with (?:a |an? \w+ )?no\b",
        r"I (?:won'?t|will not|refuse to) (?:hand|give|share|fake|pass|submit|write|vouch|refer|recommend|introduce|lie|pretend|put my name)", r"(?:don'?t|do not) want (?:him|her|them) to",
    ]),
    ("repairing", [
        r"\b(?:I|to|me) (?:\w+ ){0,3}apologi[sz](?:e|ed|ing)", r"apologi[sz]ing to",
        r"(?:owe|write|send|make|give|offer)s? (?:\w+ ){0,2}(?:an |my )?apology", r"apology (?:to|letter|note|email)", r"make amends", r"mend", r"repair", r"patch things up",
        r"burn(?:ed|t) (?:a |the |that )?bridge", r"fell out(?! of touch)", r"falling[- ]out", r"grudge", r"was rude",
        r"snapped at", r"blew up at", r"bad terms", r"ghosted (?:him|her|them)", r"dropped the ball",
        r"never made (?:it )?up", r"had (?:a|an) (?:\w+ ){0,2}(?:argument|fight|row|blow-?up)",
        r"I (?:forgot|neglected|failed) to (?:reply|respond|write back|follow up|thank|get back|answer|send)",
        r"I never (?:thanked|replied|responded|wrote back|followed up|got back|answered)",
        r"I never (?:sent|said|wrote)(?: \w+){0,4} thank", r"(?:have|did) I (?:ruin|blow|burn)\w*", r"my fault",
        r"I feel (?:bad|terrible|awful|guilty) (?:about|for|that)",
        r"clash(?:ed|es)? with", r"(?:things|it) got (?:really |very )?(?:bad|ugly|heated|nasty)",
        r"(?:big|huge|bad|nasty|awful) (?:argument|fight|row|blow-?up|disagreement)", r"ended (?:badly|on a sour note)",
        r"blocked me", r"out of line", r"I'?m (?:so |really |very )?embarrassed", r"embarrassed myself",
        r"(?<!can I )(?<!could I )(?<!should I )(?<!to )let (?:\w+ ){0,2}(?:lapse|slide|slip)", r"dispute with",
        r"I was the one (?:who|that) (?:\w+ ){0,3}(?:wrong|rude|late|missed|forgot|ghosted|cancel\w*|dropped|snapped|ended|messed|flaked|broke|let \w+ down|disappeared|went quiet|stopped)",
        # a wrong suffered at the hands of someone known, or a rift the user is blamed for: the relationship
        # is what needs mending ("she stopped talking to me", "he blames me", "I've lost a friend over it")
        r"(?:isn'?t|is not|aren'?t|are not|stopped|won'?t|will not|no longer|not been) (?:even )?(?:speaking|talking) to (?:me|us)\b",
        r"(?:blam(?:e|es|ed|ing)|resent(?:s|ed|ing)?|accus(?:e|es|ed|ing)) (?:me|us)\b",
        r"(?<!\bto )(?<!\bnot )lost (?:a|my|our|the) (?:\w+ )?(?:friend|friendship|ally)\b",
        r"question(?:s|ed|ing)? (?:my|our) (?:integrity|honesty|credibility|judg(?:e)?ment|motives|loyalty)",
        r"(?<!\bI )(?<!\bwe )(?:have|has|had|were|was) (?:\w+ )?(?:been )?left (?:hanging|in the lurch|stranded)",
        r"\b(?:I|we)(?:'ve| have)? (?:\w+ ){0,2}(?:made|left|gave|given) (?:a |the |such a )?(?:wrong|bad|poor|awful|terrible) (?:first )?impression",
        r"(?:got|get|gets|have|has) the wrong (?:idea|impression)", r"(?:came|come|coming|comes) (?:across|off) as",
        r"(?<!\bI )(?:read|took|take|saw|see|interpreted|perceived) (?:that|it|this|me|my \w+) as (?!a (?:yes|no)\b)",
        r"(?:threaten\w*|about) to (?:quit|walk away|leave|sue)\b", r"(?:parted|part) (?:ways|company)",
        r"(?:the |a )?bad guy",
        # a client or customer lost, to be won back: "win them back", "earn back their trust", "we lost our biggest
        # account after the recall"
        r"\b(?:win|won|winning|earn|earning|bring|bringing|woo|wooing|get|getting) (?:them|him|her|(?:the|that|this|our|my) "
        r"(?:\w+ )?(?:client|customer|account|buyer|distributor)s?|their (?:business|trust|custom|account)|it) back\b",
        r"\b(?:win|earn|regain|rebuild|restore) (?:back )?(?:their|the client'?s|the customer'?s|his|her) (?:trust|business|custom)",
        r"\b(?:lost|losing) (?:a |the |our |my |one of our )?(?:biggest |best |key |major |long-?standing |oldest |top )?"
        r"(?:client|customer|account|distributor)s?\b",
    ]),
    ("following-up", [
        r"no (?:reply|response|answer)", r"and nothing\b", r"heard nothing",
        r"never (?:replied|responded|heard back|got back)",
        r"(?:hasn'?t|haven'?t|has not|have not|didn'?t|did not) (?:replied|responded|heard back|answered|got back|"
        r"gotten back)", r"radio silence", r"went (?:quiet|silent)", r"gone (?:quiet|silent)", r"ghosted me",
        r"left me on read", r"nudg(?:e|ed|ing)", r"chas(?:e|ed|ing)", r"ping (?:him|her|them) again",
        r"without (?:a|any) (?:single )?(?:call|reply|response|answer|word)(?: back)?", r"no call(?:s)? back",
        r"never (?:called|wrote|emailed|texted|rang) (?:me )?back", r"promised to (?:write|call|send|get back|reply|introduce|follow up)",
        r"follow(?:ing)?[- ]up with (?:the |all the |those )?(?:people|contacts|everyone|them)",
        r"offered to (?:introduce|connect|send|pass|forward|put me)", r"(?:will|'ll|would) introduce me",
        r"stopped (?:returning|answering|replying to|responding to) my",
        r"(?:won'?t|doesn'?t|isn'?t|not) (?:return(?:ing)?|answer(?:ing)?) my",
        *SILENCE,
    ]),
    ("thanking", [r"(?:thank(?:ing)?|grateful|gratitude)\b(?!.*\b(?:no reply|never replied|hasn'?t replied))",
                  r"(?:send|sending|give|giving|buy|buying) (?:\w+ ){0,4}(?:gift|flowers|bouquet|thank-you card|present)s?"]),
    ("asked", [
        r"(?:asked|asking|wants|wanted|begged|pushing) me (?:for|to)", r"(?:asked|asking) me (?:whether|if)", r"(?:asked|asking) (?:whether|if) I (?:could|would|can|might)",
        r"(?:asked|asking) (?:whether|if) (?:he|she|they) (?:could|can|might|may) (?:list|use|put|name|mention|cite) me",
        r"pitch(?:ing|ed|es)? me", r"(?:sent|send|sends) me (?:a|an) (?:\w+ ){0,2}(?:request|invitation)",
        # someone else got back in touch: the user answers (an inbound reconnection is no reconnecting of theirs)
        r"(?:\w+ed|sent|wrote to|rang|reached out to) me (?:\w+ )?(?:out of (?:the blue|nowhere)|after (?:years|ages|"
        r"all this time|so long|a long (?:time|silence)))",
        r"(?:get|getting|receive|received|receiving) (?:\w+ ){0,2}(?:invitations|requests|pitches|messages) (?:from|for|to)",
        r"me,? asking (?:for|me|if)", r"(?:wants?|hopes?|hoping) to (?:meet|talk to|get to) \w+(?: \w+)? through me",
        r"wants? my (?:help|referral|reference|introduction|intro)",
        r"(?:asked|asking) (?:for )?my (?:help|referral|reference|introduction|intro|advice)",
        r"(?:listed|named|put) me (?:down )?as (?:a |her |his |their |one of (?:her|his|their) )?(?:reference|referee)",
    ]),
    ("starting", [
        r"new (?:city|country|town|industry|field)", r"don'?t know anyone", r"know nobody", r"no network",
        r"from (?:zero|scratch)", r"just (?:moved|relocated)", r"no contacts",
    ]),
    ("announcing", [
        r"tell(?:ing)? (?:my|people in my) network", r"announce", r"let (?:people|everyone) know",
        r"post(?:ing)? about (?:my|being)", r"share (?:the|my) news",
        r"(?<!that )(?<!says )(?<!said )(?<!claims )(?<!claimed )(?<!telling people )"
        r"(?:I was|I'?ve been|I got|I'?m being|just got|I have been|I'?ve just been) (?:fired|let go|laid off|"
        r"made redundant|terminated|sacked|dismissed)", r"lost my job",
        r"(?:say|saying|send|sending|write|email)(?: \w+){0,4} (?:goodbye|farewell)", r"goodbye (?:email|note|message)",
        # leaving a job, a family firm, a team: news of the user's own to break to those it touches
        r"\bI(?:'m|’m| am|'ve|’ve| have)?(?: \w+)? (?:ready|want|wanted|decided|planning|going|need) to (?:move on|leave (?:the|my|this|our) (?:\w+ )?(?:job|company|"
        r"firm|business|role|team|practice|gym|club|lab|department))",
        r"(?:quit|quitting|leave|leaving|resign\w*(?: from)?) (?:the |my |our |this )?(?:family (?:business|firm|company)|"
        r"(?:dad|father|mum|mom|mother|parents)'?s (?:firm|company|business|shop))",
        r"if I (?:quit|resign)\b", r"if I leave(?= (?:the|my|this|now|here|before|after|for)\b|[,.?!])", r"hand(?:ing)? in my (?:notice|resignation)",
        r"how (?:do|can|should|would) I (?:move on|quit|resign|leave)\b",
        # "how do I tell her?" with no refusal or apology after it: news of the user's own to break
        r"how (?:do|should|can|would) I (?:tell|break it to|break the news to) (?:him|her|them|my \w+|the \w+)"
        r"(?! (?:no|off|apart)\b)(?!(?: \w+){0,4} (?:sorry|apologi\w+|can'?t|cannot|won'?t|don'?t|no|not)\b)",
        r"(?:tell|telling|break(?:ing)? it to|break(?:ing)? the news to) (?:him|her|them|my \w+)(?: \w+)? (?:that )?I'?m "
        r"(?:leaving|quitting|resigning|moving on|moving to)",
    ]),
    # a tie gone quiet that the user wants to take up again (with or without an ask): not a repair (nothing was
    # done wrong), not a follow-up (nothing is awaited); someone else getting back in touch is being asked
    ("reconnecting", [
        r"(?:lost|losing|lose) touch", r"(?:fell|fallen|falling|drifted|drifting) out of touch", r"drift(?:ed|ing)? apart",
        r"get(?:ting)? back in (?:touch|contact)", r"re-?connect(?:ing)?\b", r"re-?kindl\w+",
        r"(?:revive|refresh)\w* (?:them|those|these|my|our|old|the)\b(?:(?: \w+){0,2} (?:contacts|ties|connections|"
        r"relationships?|friendships?|network))?",
        r"(?:haven'?t|have not|hadn'?t|not) (?:actually |really |properly )?(?:spoken|talked|been in touch|been in contact|"
        r"seen (?:him|her|them|each other)|seen or (?:spoken|talked))(?: \w+){0,5} (?:in|for|since) (?:years|ages|a (?:long )?while|"
        r"a long time|\w+ years|the \w+|we|I|our|then|college|school|university|uni|graduat\w+)",
        r"(?:haven'?t|have not|not) (?:spoken|talked) (?:to|with) (?:\w+ ){0,3}since",
        r"(?:years|ages) (?:of|without) (?:silence|contact|speaking|talking)", r"(?:it'?s|it has|it'?s been|been) (?:\w+ )?(?:years|ages) since",
        r"(?:neglected|let go of) (?:my |those |these |our |all |the )?(?:old )?(?:\w+ )?(?:contacts|network|connections|ties)",
        r"out of touch with (?:him|her|them|everyone|people|my|those|old|former)", r"stopped (?:talking|speaking|writing) to (?:him|her|them)",
        r"(?:sudden |my )re-?appearance", r"(?:come|coming|came) back into (?:his|her|their) li(?:fe|ves)",
    ]),
    ("asking", [
        r"how (?:do|should|can) I (?:ask|approach|reach out)", r"should I (?:also )?(?:reach out|call|email|message|"
        r"contact|ask|get in touch)",
        r"is it (?:weird|too late|okay|ok|rude|strange) to (?:reach|contact|call|email|message|ask|get back)",
        r"(?:like|want|plan|going) to propose", r"how (?:do|should|can) I (?:raise|bring up|pitch|suggest)",
    ]),
    ("following-up", [r"(?:stay|keep|keeping|staying) in touch", r"keep up (?:a|the) (?:connection|relationship)"]),
]

# Asked by someone whose work or conduct the user will not stand behind, or by a request they dread: reluctant, so a
# decline is being weighed.
RELUCTANT: list[str] = [
    r"can'?t stand", r"don'?t (?:trust|rate|like) (?:him|her|them)", r"dishonest", r"unreliable", r"lazy", r"flaky",
    r"poor(?:ly)?", r"bad (?:work|worker)", r"nasty", r"rough", r"argumentative", r"rage-?quit", r"walked out of",
    r"misconduct", r"wouldn'?t (?:hire|work with) (?:him|her|them)",
    r"(?:can'?t|cannot|couldn'?t) (?:think of|come up with|find) (?:one|a single|anything)",
    r"(?:hard|difficult|awful|terrible|miserable) to work (?:for|with)", r"(?:he|she|they) knows? nothing about",
    r"dread(?:ing|ed)?", r"I (?:won'?t|will not) (?:fake|pretend|lie)", r"agreed (?:on reflex|without thinking|too quickly)",
    r"regret (?:agreeing|saying yes)", r"wouldn'?t know what to say",
    # second thoughts about going ahead with what was asked
    r"(?:could|would|might|will) be (?:a |an )?(?:\w+ )?(?:mistake|bad idea|error)", r"second thoughts",
    r"cold feet", r"(?:more|too many) (?:\w+ ){0,5}than I (?:can|could|have time to|want to)(?: \w+){0,3} "
    r"(?:take|handle|manage|accept|answer|fit in|keep up with)",
]
# Role words for whom, most specific first: (pattern, the role as the reading names it).
ROLES: list[tuple[str, str]] = [
    # a former partner in life, before "friend" can take the word's tail ("my ex-girlfriend", "my ex")
    (r"(?:ex-? ?(?:girlfriend|boyfriend|partner|wife|husband|fianc[eé]e?|spouse)|(?<=my )ex\b(?!-)(?! (?:manager|boss|colleague|co-?worker|teammate|employer|company|job)\b)|"
     r"(?:former|old) (?:girlfriend|boyfriend|flame|fianc[eé]e?|spouse))", "former partner"),
    (r"(?:old |former |previous |ex-?)(?:manager|boss)", "former manager"),
    (r"(?:old |former |ex-?)(?:colleague|co-?worker|teammate)s?", "former colleague"),
    (r"skip[- ]level(?: manager)?", "skip-level manager"), (r"(?:manager|boss)", "manager"),
    (r"hiring manager", "hiring manager"), (r"recruiters?", "recruiter"), (r"mentors?", "mentor"),
    (r"acquaintances?", "acquaintance"), (r"(?:best |close |old )?friends?", "friend"),
    (r"classmates?", "classmate"), (r"(?:colleague|co-?worker|teammate)s?", "colleague"), (r"clients?", "client"),
    (r"(?:intern|junior|mentee)s?", "junior"), (r"(?:CEO|CTO|founder|director|VP|executive|senior leader|head of (?:the )?(?:company|firm|department|division))",
     "senior person"),
    (r"(?:stranger|someone I (?:barely|don'?t) know)", "stranger"), (r"(?:brother|sister|cousin|aunt|uncle|niece|nephew|(?:(?<=my )|(?<=our ))(?:mom|mum|mother|dad|father|parents))",
     "relative"),  # a parent only as the user's own: "a single mother" is the user
    (r"neighbou?rs?", "acquaintance"),
    # someone told by what the user shared with them: "a woman I worked with", "someone I studied with"
    (r"(?:woman|man|guy|girl|lady|person|someone|somebody) (?:who |that )?I (?:once worked|used to work|worked) (?:with|alongside)",
     "former colleague"),
    (r"(?:woman|man|guy|girl|lady|person|someone|somebody) (?:who |that )?I work (?:\w+ ){0,2}(?:with|alongside)", "colleague"),
    (r"(?:woman|man|guy|girl|lady|person|someone|somebody) (?:who |that )?I (?:once |used to )?(?:studied|went to (?:school|uni\w*|college)) with",
     "classmate"),
    (r"(?:professor|lecturer|teacher|tutor)s?", "teacher"),
]
# What is at stake, in order of precedence: (pattern, stake). Where a request is told, the stakes of its sentence
# come first (`coach.advice.stakes.read_stakes`): the thing asked for.
_CV = r"(?:r[eé]sum[eé]s?|cvs?|application)"
STAKES: list[tuple[str, str]] = [
    (r"\breferr(?:al|ed|ing)|\brefer\b|\b(?:pass|walk|hand|forward|submit|send|put|get|drop|slip|take|bring)(?:s|ed|ing|ped|ping)? "
     r"(?:\w+ ){0,2}(?:my|his|her|their|the) " + _CV + r"\b|\bput (?:him|her|them) forward\b|"
     r"\b(?:put|putting|puts) in a (?:good )?word\b|"
     # recommending a person to a workplace (not writing a recommendation): "recommend her to my company"
     r"\brecommend(?:s|ed|ing)? (?:him|her|them|my \w+|\w+) (?:to|for|at) (?:my|our|the|your|his|her|their|a|an) "
     r"(?:\w+ )?(?:company|firm|employer|boss|manager|team|workplace|job|role|position|opening|vacancy|shop|store|"
     r"business|office|department)\b", "referral"),
    (r"\breferences?\b|\brefs?\b|\breferees?\b|\bvouch|\brecommendations?\b", "reference"),
    (r"\bintroduc\w*|\bintros?\b|\bconnect (?:him|her|them|people|someone|us) (?:to|with)\b", "introduction"),
    (r"\b(?:linkedin|connection|friend) (?:request|invitation|invite)s?\b|\bconnect with me\b|"
     r"\binvitations? to connect\b", "connection"),
    (r"\bmentor(?:ing|ship)\b|(?<!\bI )(?<!\bwe )\bmentor\b(?! (?:people|students|young|juniors|interns|others)\b)",
     "mentorship"),
    (r"\b(?:partnerships?|business partners?|collaborat\w*|co-?founder|joint)\b|"
     r"(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bmy )(?<!'s )\bpartners?\b", "partnership"),  # "his partner": a person
    (r"\b(?:loans?|lend\w*|borrow\w*|invest(?:s|ed|ing|ment|ments|or|ors)?|funding|(?:put|putting|puts|raise|raising) "
     r"(?:\w+ ){0,2}money)\b", "money"),
    (r"\b(?:laid off|layoffs?|redundan\w*|lost my job)\b", "a layoff"),
    (r"\b(?:job|their|an|the|this|that|a) offer\b|\boffered me (?:a |the |their )?(?:job|role|position)\b",
     "job offer"),
    (r"\b(?:job|role|position|opening|offer|interview\w*|hir(?:e|es|ing)(?! managers?\b))\b", "job"),
    (r"\b(?:coffee|call|chat|meet(?:ing)?)\b", "a meeting"),
    (r"\b(?:friendship|relationship|falling[- ]out|fell out|grudge)\b", "relationship"),
]
# Stakes whose words only describe unless a request is told in their sentence ('a decently paid job', 'we pay very
# well', 'more money than the new job'): in the request's sentence they are the thing asked for ("he asked what my
# day rate is"), elsewhere a side remark (`coach.advice.stakes.read_stakes`).
TOLD_STAKES: list[tuple[str, str]] = [
    (r"\b(?:money|pay|paid|fees?|(?:day|hourly|daily|going|my|your|their|his|her) rates?)\b", "money"),
]

# Circumstances a narrow article serves (`serves: {trait: …}`), each read from the user's own words: (trait, cues).
# A time said of a month or more also reads as late (`coach.advice.reader.read_traits`).
_CHANNEL = r"(?:call|phone|ring|text|voicemail|linkedin|dm|message (?:him|her|them) on)"
TRAITS: list[tuple[str, list[str]]] = [
    ("late", [
        r"too late", r"belated(?:ly)?", r"(?:long )?overdue", r"kept meaning to", r"never got (?:a)?round to",
        r"meant to (?:\w+ ){0,3}(?:thank|write|reply|send|follow|say)", r"ages ago", r"long after",
        r"(?:it'?s|it has|it had) been (?:so long|too long|ages|a long time|months|years)",
        r"(?:months|years) (?:have |had )?(?:passed|gone by)", r"still owe",
        r"(?:never|didn'?t|haven'?t|forgot to) (?:\w+ ){0,3}thank\w*", r"never sent (?:\w+ ){0,4}thank\w*",
        r"(?:weeks|months|years|a year) after", r"only now", r"last (?:year|spring|summer|autumn|fall|winter)",
    ]),
    ("unanswered", [  # the user says the other side has not answered: only then does a reading say so
        r"no (?:reply|response|answer|word back)", r"heard nothing", r"and nothing\b", r"(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not) "
        r"(?:yet )?(?:heard (?:back|anything)|replied|responded|answered|got back|gotten back|written back)",
        r"radio silence", r"(?:went|gone|going) (?:quiet|silent)", r"ghosted me", r"left me on read",
        r"never (?:replied|responded|heard back|got back|answered|wrote back|called back)",
        r"without (?:a|any) (?:single )?(?:reply|response|answer|word)", r"stopped (?:returning|answering|replying to|responding to)",
        r"(?:won'?t|doesn'?t|isn'?t|not) (?:return(?:ing)?|answer(?:ing)?) my",
        *SILENCE,
    ]),
    ("returning", [
        r"(?:come|coming|go|going|went|get|getting|move|moving) back to (?:\w+ ){0,2}(?:company|employer|firm|team|"
        r"job|role|position|old place)", r"(?:come|go) back\b(?! to (?:you|him|her|them)\b)",
        r"re-?hir\w*", r"boomerang", r"(?:consider|considering|think about|thinking about) (?:coming back|returning|going back)",
        r"(?:want|wants|wanted|asked|asking|ask) (?:me|him|her|them) back\b", r"(?:old|former|previous) (?:job|role|position) back",
        r"return(?:ing)? to (?:\w+ ){0,2}(?:company|employer|firm|team|job|role|position)", r"door (?:is )?still open",
    ]),
    ("channel", [
        rf"(?:should|can|could|would|do|may) I (?:\w+ ){{0,2}}{_CHANNEL}", r"I(?:'ve| have)? (?:\w+ ){0,2}(?:called|phoned|rang|texted)",
        r"voicemails?", r"(?:calling|phoning|ringing|texting)", r"(?:through|via|ask) (?:the |my )?(?:friend|person|colleague|"
        r"contact) who (?:referred|introduced)", r"(?:his|her|their) (?:office |cell |mobile |direct )?(?:number|phone|assistant)",
        r"(?:another|a different|other) channel", r"(?:on|via|through|by) (?:linkedin|the phone|phone|text)",
    ]),
    ("illness", [  # the other side is ill: said of them, not of the user
        r"(?:he|she|they)(?:'s| is| are| was| were| has been| have been| had been) (?:\w+ ){0,2}(?:ill|sick|unwell|"
        r"in (?:the )?hospital|hospitali[sz]ed|diagnosed|in treatment|on (?:medical|sick) leave)",
        r"(?:his|her|their) (?:cancer|illness|diagnosis|treatment|chemo\w*|surgery|stroke|heart attack|prognosis)",
        r"(?:has|have|had|got) (?:\w+ )?(?:cancer|a stroke|a heart attack|leukemia|leukaemia|dementia|als|ms)",
        r"(?<!\bI )(?<!\bwe )\b(?:is|was|has been|had been) (?:\w+ ){0,2}(?:(?:very |seriously |terribly )?ill|"
        r"(?:very |seriously )?sick(?! of)|unwell|in (?:the )?hospital|hospitali[sz]ed|on (?:medical|sick) leave|in treatment)\b",
        r"(?:going through|undergoing|started|starting|in the middle of) (?:\w+ )?(?:treatment|chemo\w*|radiotherapy|dialysis)",
        r"(?:seriously|terminally|gravely|critically) ill", r"(?:long|extended) (?:medical|sick) leave",
    ]),
    ("offered help", [
        r"offered to (?:\w+ ){0,2}(?:introduce|connect|send|pass|forward|put|help|refer|walk|share|look|champion|mentor)",
        r"(?:said|promised|told me|mentioned) (?:that )?(?:he|she|they)(?:'d| would| will|'ll) (?:\w+ ){0,3}(?:introduce|"
        r"connect|send|pass|forward|put|help|refer|walk|keep me|look|champion|mentor)",
        r"(?:keep|kept|keeping) me in mind", r"(?:will|'ll|would) introduce me", r"offer(?:ed)? of help",
        r"take (?:him|her|them) up on", r"(?:intro|introduction) (?:\w+ ){0,3}(?:never (?:came|happened)|went nowhere)",
    ]),
]
