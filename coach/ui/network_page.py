"""Network: who you know, where, how recently, who is due, and how you cover your target companies."""

from __future__ import annotations

import datetime as dt

import altair as alt
import streamlit as st

from coach.crm import network
from coach.ui import first_run, state

TOP_COMPANIES = 15


def bar(df, category: str, value: str = "contacts", sort=None, color: str = "#4C78A8", title: str = ""):
    return (alt.Chart(df, title=title)
            .mark_bar(color=color, cornerRadiusEnd=3)
            .encode(x=alt.X(f"{value}:Q", title="people", axis=alt.Axis(tickMinStep=1)),
                    y=alt.Y(f"{category}:N", sort=sort or "-x", title=None),
                    tooltip=[category, value])
            .properties(height=alt.Step(22)))


def render() -> None:
    st.title("Your network")
    coach = state.coach()
    if first_run.offer(coach):
        return
    contacts = coach.store.all_contacts()
    profile = coach.store.get_profile()
    today = dt.date.today()
    due = network.due_by_week(contacts, coach.store.tag_cadences(), today)
    recency = network.recency(contacts, today)
    cols = st.columns(4)
    cols[0].metric("People", len(contacts))
    companies = network.by_company(contacts, top=len(contacts))  # one count of companies, used everywhere here
    named = companies[companies.company != network.NO_COMPANY]  # "no company" is not a company
    cols[1].metric("Companies", len(named))
    cols[2].metric("Due for a check-in", int(due.loc[due.week == "overdue", "contacts"].sum()))
    cols[3].metric("Not contacted in a year or more",
                   int(recency.loc[recency.since_last_contact.isin(["over a year", "never"]), "contacts"].sum()))

    left, right = st.columns(2)
    with left:
        st.subheader("Where they work")
        shown = companies.head(TOP_COMPANIES)
        st.altair_chart(bar(shown, "company"), width="stretch")
        if len(companies) > len(shown):
            n_shown = int((shown.company != network.NO_COMPANY).sum())
            st.caption(f"{n_shown} of {len(named)} companies shown: the ones where you know most people.")
            with st.expander(f"All {len(named)} companies"):
                st.dataframe(companies, hide_index=True, width="stretch")
    with right:
        st.subheader("How you tagged them")
        tags = network.by_tag(contacts)
        if tags.empty:
            st.caption("No tags yet: add some on the Contacts page (mentor, hiring, former-colleague…).")
        else:
            st.altair_chart(bar(tags, "tag", color="#72B7B2"), width="stretch")

    left, right = st.columns(2)
    with left:
        st.subheader("Time since you last talked")
        if not int(recency.contacts.sum()):
            st.caption("Nobody to show yet.")
        order = list(network.RECENCY_BUCKETS)
        chart = (alt.Chart(recency).mark_bar(cornerRadiusEnd=3)
                 .encode(x=alt.X("since_last_contact:N", sort=order, title=None,
                                 axis=alt.Axis(labelAngle=-30, labelOverlap=False)),
                         y=alt.Y("contacts:Q", title="people", axis=alt.Axis(tickMinStep=1)),
                         color=alt.Color("since_last_contact:N", sort=order, legend=None,
                                         scale=alt.Scale(scheme="yelloworangered")),
                         tooltip=["since_last_contact", "contacts"])).properties(height=260)
        if int(recency.contacts.sum()):
            st.altair_chart(chart, width="stretch")
    with right:
        st.subheader("Check-ins due by week")
        weeks = list(due.week)
        chart = (alt.Chart(due).mark_bar(cornerRadiusEnd=3)
                 .encode(x=alt.X("week:N", sort=weeks, title=None, axis=alt.Axis(labelAngle=-30, labelOverlap=False)),
                         y=alt.Y("contacts:Q", title="people", axis=alt.Axis(tickMinStep=1)),
                         color=alt.condition(alt.datum.week == "overdue", alt.value("#E45756"),
                                             alt.value("#4C78A8")),
                         tooltip=["week", "contacts"])).properties(height=260)
        if int(due.contacts.sum()):
            st.altair_chart(chart, width="stretch")
        else:  # an empty chart draws a lone "0.000000" axis
            st.caption("Nobody is due in the coming weeks. Set cadences per contact or per tag on the Contacts "
                       "page.")

    st.subheader("Your target companies")
    coverage = network.target_coverage(contacts, profile)
    if coverage.empty:
        st.caption("Set target companies on the Settings page to see how your network covers them.")
        return
    coverage["status"] = coverage.covered.map({True: "you know someone", False: "nobody yet"})
    chart = (alt.Chart(coverage).mark_bar(cornerRadiusEnd=3)
             .encode(x=alt.X("contacts:Q", title="people you know there", axis=alt.Axis(tickMinStep=1)),
                     y=alt.Y("company:N", sort="-x", title=None),
                     color=alt.Color("status:N", legend=alt.Legend(title=None, orient="bottom"),
                                     scale=alt.Scale(domain=["you know someone", "nobody yet"],
                                                     range=["#54A24B", "#E45756"])),
                     tooltip=["company", "contacts", "people"])
             .properties(height=alt.Step(28)))
    st.altair_chart(chart, width="stretch")
    gaps = [c for c, n in zip(coverage.company, coverage.contacts, strict=True) if n == 0]
    if gaps:
        st.info(f"Nobody yet at {', '.join(gaps)}: ask the chat “who do I know near {gaps[0]}?” or look for a "
                "warm introduction.", icon=":material/lightbulb:")
