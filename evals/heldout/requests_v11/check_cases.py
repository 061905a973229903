"""Checks the layout of /root/heldout11/requests/cases.yaml. Exit 0 when it is valid."""
import sys, yaml, collections
p = sys.argv[1] if len(sys.argv) > 1 else "/root/heldout11/requests/cases.yaml"
cases = yaml.safe_load(open(p))
INTENTS = {"draft", "revise", "advise", "find", "show", "note", "due", "other"}
GOALS = {None, "referral", "informational-interview", "thank-you", "congratulations", "introduction", "mentorship",
         "partnership", "follow-up", "reconnect"}
CHANNELS = {None, "email", "linkedin-message", "linkedin-note"}
CHANGES = {None, "shorter", "longer", "more-formal", "friendlier", "another", "channel-change"}
errors, ids = [], set()
for c in cases:
    i = c.get("id")
    if i in ids: errors.append(f"duplicate id {i}")
    ids.add(i)
    if set(c) != {"id", "previous", "message", "expected", "note"}: errors.append(f"{i}: keys {sorted(c)}")
    e = c.get("expected", {})
    if set(e) != {"intent", "contact", "goal", "channel", "topic", "change"}: errors.append(f"{i}: expected keys {sorted(e)}")
    if e.get("intent") not in INTENTS: errors.append(f"{i}: intent {e.get('intent')}")
    if e.get("contact") not in {None, "ask"} | set(range(1, 9)): errors.append(f"{i}: contact {e.get('contact')}")
    if e.get("goal") not in GOALS: errors.append(f"{i}: goal {e.get('goal')}")
    if e.get("channel") not in CHANNELS: errors.append(f"{i}: channel {e.get('channel')}")
    if e.get("change") not in CHANGES: errors.append(f"{i}: change {e.get('change')}")
    if e.get("intent") == "revise" and not c.get("previous"): errors.append(f"{i}: revise needs a previous turn")
    if e.get("intent") == "revise" and not e.get("change"): errors.append(f"{i}: revise needs a change")
    if e.get("change") == "channel-change" and not e.get("channel"): errors.append(f"{i}: channel-change needs the channel")
    if e.get("intent") == "draft" and not e.get("goal"): errors.append(f"{i}: draft needs a goal")
    if c.get("previous") is not None and not isinstance(c["previous"], str): errors.append(f"{i}: previous must be a sentence or null")
    if e.get("topic") and e["topic"].lower() not in c["message"].lower(): errors.append(f"{i}: topic not verbatim in message")
print(collections.Counter(c["expected"]["intent"] for c in cases))
print("\n".join(errors) or "OK"); sys.exit(1 if errors else 0)
