#!/usr/bin/env bash
# Rebuilds the sample project projects/paris-conference.ron from scratch.
# Usage (from the repository root): assets/articles/build-sample.sh [PATH/TO/dossier]
set -euo pipefail

DOSSIER="${1:-dossier}"
PROJECT="projects/paris-conference.ron"
ARTICLE="assets/articles/paris-conference-1988-massacre.txt"

# tag TAG QUOTE [NTH] [NOTE] — tag the NTH (1-based) occurrence of QUOTE; prints the annotation's id.
tag() {
  local t="$1" q="$2" n="${3:-1}" note="${4:-}"
  if [[ -n "$note" ]]; then
    "$DOSSIER" tag "$PROJECT" --tag "$t" --quote "$q" --nth "$n" --note "$note" | cut -f1
  else
    "$DOSSIER" tag "$PROJECT" --tag "$t" --quote "$q" --nth "$n" | cut -f1
  fi
}

# mention ENTITY TAG QUOTE [NTH] [NOTE] — tag a mention and link it to the entity named ENTITY.
mention() {
  local entity="$1" id
  shift
  id=$(tag "$@")
  "$DOSSIER" link "$PROJECT" "$id" --entity "$entity" >/dev/null
}

# claim QUOTE NTH NOTE [CLAIM OPTIONS…] — tag a claim, then set its status, speakers and subjects
# (the options of `dossier claim`).
claim() {
  local q="$1" n="$2" note="$3" id
  shift 3
  id=$(tag claim "$q" "$n" "$note")
  "$DOSSIER" claim "$PROJECT" "$id" "$@" >/dev/null
}

# entity KIND NAME [OPTIONS…] — create an entity (the options of `dossier entity`).
entity() {
  local kind="$1" name="$2"
  shift 2
  "$DOSSIER" entity "$PROJECT" --kind "$kind" --name "$name" "$@" >/dev/null
}

mkdir -p projects
rm -f "$PROJECT"
"$DOSSIER" new "$PROJECT" "$ARTICLE" --name "Iran 1988 massacre — accountability"
if [[ ! -s "$PROJECT" ]]; then
  echo "error: $DOSSIER did not create $PROJECT" >&2
  exit 1
fi
"$DOSSIER" title "$PROJECT" "Paris Conference Renews Call to Hold Tehran Accountable for Killing of Democracy Activists"

# ---------------------------------------------------------------------------
# Entities — every person and event the article names, with what the article says of them.
# Aliases are the short forms the article itself uses.
# ---------------------------------------------------------------------------
entity person "Chile Eboe-Osuji" --role "Former President of the International Criminal Court"
entity person "Leila Nadya Sadat" --role "Former Special Adviser on Crimes Against Humanity to the ICC Prosecutor"
entity person "Wolfgang Schomburg" --role "Former judge of the UN International Criminal Tribunal for the former Yugoslavia (ICTY) and of the UN International Criminal Tribunal for Rwanda"
entity person "Oleksandra Matviichuk" --role "Head of the Center for Civil Liberties of Ukraine, the 2022 Nobel Peace Prize laureate"
entity person "Geoffrey Nice" --alias "Sir Geoffrey Nice" --role "Lead prosecutor at the trial of Slobodan Milosevic at The Hague"
entity person "Slobodan Milosevic" --role "Defendant at The Hague" --note "The article gives no other role."
entity person "Maryam Rajavi" --alias "Rajavi" --alias "Mrs. Rajavi" --role "President-elect of the National Council of Resistance of Iran (NCRI)"
entity person "Ali Khamenei" --alias "Khamenei" --role "Supreme leader of Iran; president of the Islamic Republic at the time of the 1988 massacre"
entity person "Ebrahim Raisi" --alias "Raisi" --role "President of Iran; in 1988 deputy prosecutor for Tehran and one of four officials on the “death commission”"
entity person "Gholamhossein Mohseni Ejei" --role "Judiciary Chief of Iran"
entity person "Ruhollah Khomeini" --alias "Khomeini" --role "Founder of the Islamic Republic"
entity person "Hamid Noury" --alias "Noury" --role "Iranian prison official; sentenced to life in prison in Sweden"
entity person "David Jones" --alias "The Rt. Hon David Jones" --role "Senior member of the UK House of Commons; former UK Secretary of State for Wales"
entity person "Alejo Vidal Quadras" --alias "Vidal Quadras" --alias "Prof. Vidal Quadras" --role "Former Vice President of the European Parliament" \
  --note "The article says \"former Vice President of European\": truncated; the European Parliament is presumed."

entity event "1988 massacre" --alias "1988 massacre of political prisoners" \
  --date "summer 1988" --date-iso "1988-07/1988-09" --place "Iran: Evin and Gohardasht prisons, among others" \
  --note "Mass execution of political prisoners by \"death commissions\". The article gives July and August 1988 and a believed toll of 30,000, unsourced."
entity event "Khomeini's fatwa" \
  --note "Khomeini's fatwa declaring organised opposition \"enmity against God\"; the death commissions were assembled to carry it out. Date not given in the article."
entity event "Paris conference" --place "Paris" \
  --date "a Monday (exact date not given)" \
  --note "International conference on accountability for the 1988 massacre; Maryam Rajavi gave the keynote speech."
entity event "Trial of Hamid Noury" --alias "Noury trial" --date "the year before the article" \
  --place "Sweden; sessions relocated to Albania (Ashraf 3)" \
  --note "Prosecution under universal jurisdiction; verdict: life in prison for mass murder in cooperation with the Tehran death commission."
entity event "Trial of Slobodan Milosevic" --alias "Milosevic trial" --place "The Hague" --note "Geoffrey Nice was lead prosecutor."
entity event "Recent uprisings in Iran" --date "late in the year before the article" --place "Iran"
entity event "Crackdown on dissent in Iran" --date "recent years" --place "Iran" \
  --note "Includes the killing of protesters during the recent uprisings: 750 late in the year before the article (figure per Vidal Quadras, unsourced)."
entity event "Surge of executions in Iran" --date "after the protests; ongoing at the time of the article" --place "Iran"

# ---------------------------------------------------------------------------
# People — every mention of every named person in the article body.
# Name spans only: honorifics (Dr., Prof., Sir, Mrs., The Rt. Hon) are left out.
# Rafael Grossi appears only in the unrelated "You May Also Like" teasers: not tagged.
# ---------------------------------------------------------------------------
mention "Chile Eboe-Osuji" person "Chile Eboe-Osuji" 1 "Former President of the International Criminal Court; conference participant."
mention "Leila Nadya Sadat" person "Leila Nadya Sadat" 1 "Former Special Adviser on Crimes Against Humanity to the ICC Prosecutor; conference participant."
mention "Wolfgang Schomburg" person "Wolfgang Schomburg" 1 "Former Judge of the UN International Criminal Tribunal for the former Yugoslavia (ICTY) and judge of the UN International Criminal Tribunal for Rwanda; conference participant."
mention "Oleksandra Matviichuk" person "Oleksandra Matviichuk" 1 "Head of the Center for Civil Liberties of Ukraine, described as the 2022 Nobel Peace Prize laureate; sent a video message to the conference."
mention "Geoffrey Nice" person "Geoffrey Nice" 1 "Sir Geoffrey Nice: lead prosecutor at the trial of Slobodan Milosevic at The Hague; sent a video message to the conference."
mention "Slobodan Milosevic" person "Slobodan Milosevic" 1 "Defendant in the trial at The Hague where Geoffrey Nice was lead prosecutor (no other role given in the article)."

# Maryam Rajavi: 5 mentions (occurrences of "Rajavi": 1 full, 2 "Mrs. Rajavi", 3 caption, 4 full, 5 short).
mention "Maryam Rajavi" person "Maryam Rajavi" 1 "President-elect of the National Council of Resistance of Iran (NCRI); keynote speaker of the conference."
mention "Maryam Rajavi" person "Rajavi" 2 "\"Mrs. Rajavi\" (Maryam Rajavi), keynote speech."
mention "Maryam Rajavi" person "Maryam Rajavi" 2 "Photo caption: President-elect of the NCRI."
mention "Maryam Rajavi" person "Maryam Rajavi" 3
mention "Maryam Rajavi" person "Rajavi" 5

# Officials named as possible targets of prosecution.
mention "Ali Khamenei" person "Ali Khamenei" 1 "The Iranian regime's supreme leader; president of the Islamic Republic at the time of the 1988 massacre (per the article)."
mention "Ebrahim Raisi" person "Ebrahim Raisi" 1 "Iran's President; in 1988 deputy prosecutor for Tehran and one of four officials on the \"death commission\" (per the article)."
mention "Gholamhossein Mohseni Ejei" person "Gholamhossein Mohseni Ejei" 1 "Judiciary Chief of the Iranian regime."
mention "Ali Khamenei" person "Khamenei" 2
mention "Ebrahim Raisi" person "Raisi" 2
mention "Ruhollah Khomeini" person "Ruhollah Khomeini" 1 "The regime's founder; issued the fatwa the death commissions were assembled to carry out."
mention "Ruhollah Khomeini" person "Khomeini" 2
mention "Hamid Noury" person "Hamid Noury" 1 "Iranian prison official prosecuted in Sweden under universal jurisdiction; sentenced to life in prison."
mention "Hamid Noury" person "Noury" 2
mention "Hamid Noury" person "Noury" 3 "\"Noury’s conviction\"."
mention "Ebrahim Raisi" person "Raisi" 3 "Implicated by eye-witnesses at the Noury trial."
mention "David Jones" person "David Jones" 1 "The Rt. Hon David Jones: senior member of the UK House of Commons and former UK Secretary of State for Wales; conference speaker."
mention "Alejo Vidal Quadras" person "Alejo Vidal Quadras" 1 "Prof. Alejo Vidal Quadras: former Vice President of \"European\" (the article's wording is truncated here; presumably the European Parliament); conference speaker."
mention "Alejo Vidal Quadras" person "Vidal Quadras" 2
mention "Ali Khamenei" person "Khamenei" 3
mention "Ebrahim Raisi" person "Raisi" 4

# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------
# The Paris conference (Paris per the headline; held on a Monday per the article).
mention "Paris conference" event "Paris Conference" 1 "The Paris conference on accountability for the 1988 massacre (headline); held on a Monday per the article, exact date not given."
mention "Paris conference" event "an international conference on Iran’s 1988 massacre of political prisoners" 1 "The Paris conference; addressed by international jurists and political figures."
mention "Paris conference" event "The conference" 1 "The Paris conference."
mention "Paris conference" event "the conference" 1 "The Paris conference (video messages sent to it)."
mention "Paris conference" event "her keynote speech" 1 "Maryam Rajavi's keynote speech at the Paris conference."
mention "Paris conference" event "Monday’s conference" 1 "The Paris conference, held on a Monday."

# The 1988 massacre ("1988 massacre" occurs 3 times, "the massacre" 3 times).
mention "1988 massacre" event "1988 massacre of political prisoners" 1 "The 1988 massacre of political prisoners in Iran: July–August 1988, Evin and Gohardasht prisons among the sites; death toll believed to be 30,000 (per the article)."
mention "1988 massacre" event "the massacre" 1 "The 1988 massacre."
mention "1988 massacre" event "the massacre" 2 "The 1988 massacre (Khamenei was president at the time)."
mention "1988 massacre" event "interrogated and sentenced to death thousands of political detainees in Evin and Gohardasht prisons" 1 "Death-commission proceedings of the 1988 massacre, Evin and Gohardasht prisons."
mention "Khomeini's fatwa" event "a fatwa by the regime’s founder, Ruhollah Khomeini" 1 "Khomeini's fatwa that the death commissions were assembled to carry out (date not given in the article)."
mention "Khomeini's fatwa" event "The fatwa" 1 "Khomeini's fatwa."
mention "1988 massacre" event "30,000 Iranian political prisoners were executed in July and August 1988" 1 "The 1988 massacre: executions in July and August 1988 (toll as believed, unattributed)."
mention "1988 massacre" event "the massacre" 3 "The 1988 massacre (survivors' testimony)."
mention "1988 massacre" event "1988 massacre" 2 "The 1988 massacre."
mention "1988 massacre" event "that massacre" 1 "The 1988 massacre (\"open wound\")."
mention "1988 massacre" event "1988 massacre" 3 "The 1988 massacre (in Rajavi's call)."

# The Noury trial in Sweden (held partly in Albania).
mention "Trial of Hamid Noury" event "Some of this testimony was finally presented in a court of law last year" 1 "The Hamid Noury trial in Sweden, last year relative to the article."
mention "Trial of Hamid Noury" event "Swedish authorities prosecuted an Iranian prison official, Hamid Noury" 1 "The Noury trial in Sweden, under universal jurisdiction."
mention "Trial of Hamid Noury" event "sentenced to life in prison last year" 1 "Verdict in the Noury trial: life in prison, last year."
mention "Trial of Hamid Noury" event "his trial" 1 "The Noury trial."
mention "Trial of Hamid Noury" event "the entire proceeding relocated to Albania" 1 "Session of the Noury trial relocated to Albania to hear survivors and victims' relatives living in Ashraf 3."
mention "Trial of Hamid Noury" event "Noury’s conviction" 1 "Conviction of Hamid Noury (Swedish court)."

# The Milosevic trial at The Hague.
mention "Trial of Slobodan Milosevic" event "the trial of Slobodan Milosevic at The Hague" 1 "Trial of Slobodan Milosevic at The Hague (ICTY); Geoffrey Nice was lead prosecutor."

# Recent repression: protests/uprising, killings, executions.
mention "Crackdown on dissent in Iran" event "more recent crackdowns on domestic dissent" 1 "Crackdowns on dissent in Iran in recent years."
mention "Crackdown on dissent in Iran" event "the killing of 750 protesters late last year" 1 "Killing of 750 protesters in Iran, late last year (figure per Vidal Quadras)."
mention "Surge of executions in Iran" event "the surge of executions that has followed and is still ongoing" 1 "Surge of executions in Iran after the protests, ongoing at the time of the article."
mention "Crackdown on dissent in Iran" event "the killing of young protesters during the recent uprisings" 1 "Killing of young protesters during the recent uprisings in Iran."
mention "Recent uprisings in Iran" event "the recent uprisings" 1 "The recent uprisings (protests) in Iran."

# ---------------------------------------------------------------------------
# Claims — note: who makes the claim and how well the article supports it.
# Status: calls, appeals, characterisations and unsourced assertions stay "unverified"; the article never
# signals that a claim is contested, so none is "disputed". "corroborated" only for the reported court
# verdict and for a matter of public record. Speaker: the person quoted or reported; --speaker-outlet where
# the article asserts it in its own voice or attributes it to no one named (the note says who).
# ---------------------------------------------------------------------------
claim "Paris Conference Renews Call to Hold Tehran Accountable for Killing of Democracy Activists" 1 "Speaker: the publication (headline). Frames the 1988 victims as democracy activists. Support: framing; the article later says ~90% were PMOI/MEK members or supporters, without a source." \
  --status unverified --speaker-outlet --about "Paris conference" --about "1988 massacre"
claim "The conference served to reiterate longstanding calls for a comprehensive, impartial, and independent investigation" 1 "Speaker: the conference (summarised by the article). Call for an investigation. Support: a call, reported; no evidence needed." \
  --status unverified --speaker-outlet --about "Paris conference" --about "1988 massacre"
claim "one of the most egregious cases of crime against humanity since the Second World War that is yet to be investigated" 1 "Speaker: unnamed (\"what some have described\"). Support: characterisation, vaguely attributed; no evidence cited in the article." \
  --status unverified --speaker-outlet --about "1988 massacre"
claim "reiterated longstanding calls for the international community to launch a comprehensive investigation of the massacre and hold its perpetrators legally accountable" 1 "Speakers: Chile Eboe-Osuji, Leila Nadya Sadat, Wolfgang Schomburg (and other participants). Call; reported, not quoted directly." \
  --status unverified --speaker "Chile Eboe-Osuji" --speaker "Leila Nadya Sadat" --speaker "Wolfgang Schomburg" --about "1988 massacre"
claim "legitimate targets of such prosecution could include the Iranian regime’s supreme leader Ali Khamenei, its President Ebrahim Raisi, and Judiciary Chief Gholamhossein Mohseni Ejei" 1 "Speaker: Maryam Rajavi. Support: asserted; the article backs Khamenei's and Raisi's roles in 1988 only with its own unsourced background, nothing on Ejei." \
  --status unverified --speaker "Maryam Rajavi" --about "Ali Khamenei" --about "Ebrahim Raisi" --about "Gholamhossein Mohseni Ejei" --about "1988 massacre"
claim "Khamenei was president of the Islamic Republic at the time of the massacre" 1 "Speaker: the article (background). Support: stated as fact, no source; a matter of public record." \
  --status corroborated --speaker-outlet --about "Ali Khamenei" --about "1988 massacre"
claim "Raisi was deputy prosecutor for Tehran and served as one of four officials in the “death commission” that interrogated and sentenced to death thousands of political detainees in Evin and Gohardasht prisons" 1 "Speaker: the article (background). Support: stated as fact, no source cited; partly echoed by eye-witness testimony at the Noury trial." \
  --status unverified --speaker-outlet --about "Ebrahim Raisi" --about "1988 massacre"
claim "This commission and others like it were assembled to carry out a fatwa by the regime’s founder, Ruhollah Khomeini, which declared that organized opposition to the theocratic system was proof of “enmity against God,”" 1 "Speaker: the article (background). Support: stated as fact; fatwa quoted but not cited." \
  --status unverified --speaker-outlet --about "Ruhollah Khomeini" --about "Khomeini's fatwa" --about "1988 massacre"
claim "The fatwa focused particularly on the leading pro-democracy opposition group, the People’s Mojahedin Organization of Iran (PMOI/MK)" 1 "Speaker: the article. Support: asserted, no source; \"leading pro-democracy opposition group\" is the article's own characterisation of the PMOI." \
  --status unverified --speaker-outlet --about "Khomeini's fatwa"
claim "subsequent communications from Khomeini ordered his subordinates to “annihilate the enemies of Islam immediately.”" 1 "Speaker: the article, quoting Khomeini's communications. Support: quotation given without a source document." \
  --status unverified --speaker-outlet --about "Ruhollah Khomeini" --about "1988 massacre"
claim "It is believed that 30,000 Iranian political prisoners were executed in July and August 1988, of whom roughly 90 percent were members or supporters of the PMOI, or MEK." 1 "Speaker: unattributed (\"It is believed\"). Support: no source given for the 30,000 toll or the 90 percent share." \
  --status unverified --speaker-outlet --about "1988 massacre"
claim "Survivors of the massacre have said that the death commissions interrogated detainees for only a few minutes to ascertain whether they retained their political allegiances before pronouncing sentence upon them." 1 "Speakers: survivors of the massacre. Support: survivor testimony, partly presented in the Noury trial in Sweden." \
  --status unverified --speaker-outlet --about "1988 massacre" --about "Trial of Hamid Noury"
claim "Noury was ultimately sentenced to life in prison last year for mass murder carried out in cooperation with the Tehran death commission." 1 "Speaker: the article. Support: refers to a court verdict (Sweden), verifiable; court not named." \
  --status corroborated --speaker-outlet --about "Hamid Noury" --about "Trial of Hamid Noury"
claim "those eye-witnesses implicated Raisi and others" 1 "Speakers: eye-witnesses (survivors and victims' relatives) at the Noury trial. Support: court testimony, no details given in the article." \
  --status unverified --speaker-outlet --about "Ebrahim Raisi" --about "Trial of Hamid Noury"
claim "potentially laying a groundwork for the comprehensive investigation demanded by Monday’s conference" 1 "Speaker: the article. Support: speculative assessment (\"potentially\")." \
  --status unverified --speaker-outlet --about "Trial of Hamid Noury" --about "Paris conference"
claim "On a global scale, the moment has arrived to end the four-decade-long impunity enjoyed by the clerical regime’s leaders, shielding them from prosecution and accountability for their participation in genocide and crimes against humanity" 1 "Speaker: Maryam Rajavi (keynote, direct quote). Support: asserted; \"genocide\" is not substantiated in the article." \
  --status unverified --speaker "Maryam Rajavi" --about "1988 massacre"
claim "similarly highlighted Tehran’s perceived “impunity” and blamed it upon persistent international neglect of issues such as the 1988 massacre" 1 "Speakers: David Jones and Alejo Vidal Quadras. Support: opinion, reported; no evidence cited." \
  --status unverified --speaker "David Jones" --speaker "Alejo Vidal Quadras" --about "1988 massacre"
claim "Describing that massacre as an “open wound,” Prof. Vidal Quadras stated that its legacy cannot be separated from more recent crackdowns on domestic dissent, including the killing of 750 protesters late last year and the surge of executions that has followed and is still ongoing." 1 "Speaker: Alejo Vidal Quadras. Support: interpretive link; the 750 toll and the execution surge are given without a source." \
  --status unverified --speaker "Alejo Vidal Quadras" --about "1988 massacre" --about "Crackdown on dissent in Iran" --about "Surge of executions in Iran"
claim "Maryam Rajavi urged the international community to pursue broader accountability after establishing the requested Commission of Inquiry" 1 "Speaker: Maryam Rajavi. Call for a Commission of Inquiry and broader accountability. Support: a call, no evidence needed." \
  --status unverified --speaker "Maryam Rajavi" --about "1988 massacre"
claim "to prosecute Khamenei and Raisi “along with other architects of the 1988 massacre and instigators of the killing of young protesters during the recent uprisings, particularly the commanders of the IRGC.”" 1 "Speaker: Maryam Rajavi. Call to prosecute; calls them \"architects\" of the massacre. Support: asserted, no evidence cited for the IRGC commanders." \
  --status unverified --speaker "Maryam Rajavi" --about "Ali Khamenei" --about "Ebrahim Raisi" --about "1988 massacre" --about "Crackdown on dissent in Iran" --about "Recent uprisings in Iran"
claim "The supreme leader, president, head of the judiciary, parliamentary speaker, IRGC commanders, and heads of intelligence and security services within the clerical regime have all been implicated in crimes against humanity dating back to the early years of the regime’s rule" 1 "Speaker: Maryam Rajavi (direct quote). Support: sweeping assertion; no evidence cited in the article." \
  --status unverified --speaker "Maryam Rajavi" --about "Ali Khamenei" --about "Ebrahim Raisi" --about "Gholamhossein Mohseni Ejei"

# ---------------------------------------------------------------------------
# Who took part in which event, as the article states it (allegations stay claims).
relate() { "$DOSSIER" relate "$PROJECT" --kind participant_in --from "$1" --to "$2"; }
for p in "Maryam Rajavi" "Chile Eboe-Osuji" "Leila Nadya Sadat" "Wolfgang Schomburg" \
         "Oleksandra Matviichuk" "Geoffrey Nice" "David Jones" "Alejo Vidal Quadras"; do
  relate "$p" "Paris conference"
done
relate "Hamid Noury" "Trial of Hamid Noury"
relate "Slobodan Milosevic" "Trial of Slobodan Milosevic"
relate "Geoffrey Nice" "Trial of Slobodan Milosevic"
relate "Ruhollah Khomeini" "Khomeini's fatwa"

"$DOSSIER" check "$PROJECT"
"$DOSSIER" stats "$PROJECT"
"$DOSSIER" entities "$PROJECT"
