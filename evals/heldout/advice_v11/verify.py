#!/usr/bin/env python3
"""Verify the held-out advice cases: keys/order, ids, directions, URL exclusion, one case per page, 2-6 sentences."""
import glob, os, re, sys
import yaml
HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ["id", "source_url", "source_title", "situation", "direction", "counterpart", "what_good_advice_does"]
DIRS = {"asking", "asked", "declining", "repairing", "following-up", "reconnecting", "announcing", "thanking", "other"}
def norm(u):
    u = u.strip().lower()
    u = re.sub(r'^[a-z][a-z0-9+.-]*://', '', u)
    u = u.split('#')[0].split('?')[0]
    u = re.sub(r'^(www\.|m\.)', '', u)
    return u.rstrip('/')
used = {norm(l) for l in open('/root/heldout11/used_urls.txt') if l.strip()}
def sentences(t):
    t = re.sub(r'\b(e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms)\.', r'\1', t)
    return [s for s in re.split(r'(?<=[.!?])["\')]?\s+', t.strip()) if s.strip()]
errs = []; seen = {}; counts = {}
files = sorted(glob.glob(os.path.join(HERE, 'case-*.yaml')))
for f in files:
    name = os.path.basename(f)
    raw = open(f).read()
    keys_in_order = re.findall(r'^([a-z_]+):', raw, re.M)
    if keys_in_order != KEYS: errs.append(f"{name}: keys/order {keys_in_order}")
    d = yaml.safe_load(raw)
    if d.get('id') != name[:-5]: errs.append(f"{name}: id {d.get('id')} != filename")
    if d.get('direction') not in DIRS: errs.append(f"{name}: bad direction {d.get('direction')}")
    counts[d.get('direction')] = counts.get(d.get('direction'), 0) + 1
    u = norm(d.get('source_url', ''))
    if not u: errs.append(f"{name}: empty url")
    if u in used: errs.append(f"{name}: URL in used_urls.txt")
    if u in seen: errs.append(f"{name}: same page as {seen[u]}")
    seen[u] = name
    n = len(sentences(d.get('situation', '')))
    if not 2 <= n <= 6: errs.append(f"{name}: situation has {n} sentences")
    for k in ('source_title', 'counterpart', 'what_good_advice_does'):
        if not str(d.get(k, '')).strip(): errs.append(f"{name}: empty {k}")
ids = [os.path.basename(f)[:-5] for f in files]
if ids != [f"case-{i:02d}" for i in range(1, 41)]: errs.append(f"ids not case-01..case-40: {len(ids)} files")
for k in ('declining', 'asked', 'repairing'):
    if counts.get(k, 0) < 6: errs.append(f"only {counts.get(k,0)} '{k}' cases (need 6)")
print(f"{len(files)} files; directions: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
if errs:
    print("FAIL"); [print("  " + e) for e in errs]; sys.exit(1)
print("OK: all checks passed")
