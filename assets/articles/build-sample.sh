#!/usr/bin/env bash
# Rebuilds the sample project projects/paris-conference.ron from scratch.
# Usage (from the repository root): assets/articles/build-sample.sh [PATH/TO/dossier]
set -euo pipefail

DOSSIER="${1:-dossier}"
PROJECT="projects/paris-conference.ron"
ARTICLE="assets/articles/paris-conference-1988-massacre.txt"

# tag TAG QUOTE [NTH] [NOTE] — tag the NTH (1-based) occurrence of QUOTE.
tag() {
  local t="$1" q="$2" n="${3:-1}" note="${4:-}"
  if [[ -n "$note" ]]; then
    "$DOSSIER" tag "$PROJECT" --tag "$t" --quote "$q" --nth "$n" --note "$note"
  else
    "$DOSSIER" tag "$PROJECT" --tag "$t" --quote "$q" --nth "$n"
  fi
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
# People — every mention of every named person in the article body.
# Name spans only: honorifics (Dr., Prof., Sir, Mrs., The Rt. Hon) are left out.
# Rafael Grossi appears only in the unrelated "You May Also Like" teasers: not tagged.
# ---------------------------------------------------------------------------
tag person "Chile Eboe-Osuji" 1 "Former President of the International Criminal Court; conference participant."
tag person "Leila Nadya Sadat" 1 "Former Special Adviser on Crimes Against Humanity to the ICC Prosecutor; conference participant."
tag person "Wolfgang Schomburg" 1 "Former Judge of the UN International Criminal Tribunal for the former Yugoslavia (ICTY) and judge of the UN International Criminal Tribunal for Rwanda; conference participant."
tag person "Oleksandra Matviichuk" 1 "Head of the Center for Civil Liberties of Ukraine, described as the 2022 Nobel Peace Prize laureate; sent a video message to the conference."
tag person "Geoffrey Nice" 1 "Sir Geoffrey Nice: lead prosecutor at the trial of Slobodan Milosevic at The Hague; sent a video message to the conference."
tag person "Slobodan Milosevic" 1 "Defendant in the trial at The Hague where Geoffrey Nice was lead prosecutor (no other role given in the article)."

# Maryam Rajavi: 5 mentions (occurrences of "Rajavi": 1 full, 2 "Mrs. Rajavi", 3 caption, 4 full, 5 short).
tag person "Maryam Rajavi" 1 "President-elect of the National Council of Resistance of Iran (NCRI); keynote speaker of the conference."
tag person "Rajavi" 2 "\"Mrs. Rajavi\" (Maryam Rajavi), keynote speech."
tag person "Maryam Rajavi" 2 "Photo caption: President-elect of the NCRI."
tag person "Maryam Rajavi" 3
tag person "Rajavi" 5

# Officials named as possible targets of prosecution.
tag person "Ali Khamenei" 1 "The Iranian regime's supreme leader; president of the Islamic Republic at the time of the 1988 massacre (per the article)."
tag person "Ebrahim Raisi" 1 "Iran's President; in 1988 deputy prosecutor for Tehran and one of four officials on the \"death commission\" (per the article)."
tag person "Gholamhossein Mohseni Ejei" 1 "Judiciary Chief of the Iranian regime."
tag person "Khamenei" 2
tag person "Raisi" 2
tag person "Ruhollah Khomeini" 1 "The regime's founder; issued the fatwa the death commissions were assembled to carry out."
tag person "Khomeini" 2
tag person "Hamid Noury" 1 "Iranian prison official prosecuted in Sweden under universal jurisdiction; sentenced to life in prison."
tag person "Noury" 2
tag person "Noury" 3 "\"Noury’s conviction\"."
tag person "Raisi" 3 "Implicated by eye-witnesses at the Noury trial."
tag person "David Jones" 1 "The Rt. Hon David Jones: senior member of the UK House of Commons and former UK Secretary of State for Wales; conference speaker."
tag person "Alejo Vidal Quadras" 1 "Prof. Alejo Vidal Quadras: former Vice President of \"European\" (the article's wording is truncated here; presumably the European Parliament); conference speaker."
tag person "Vidal Quadras" 2
tag person "Khamenei" 3
tag person "Raisi" 4

# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------
# The Paris conference (Paris per the headline; held on a Monday per the article).
tag event "Paris Conference" 1 "The Paris conference on accountability for the 1988 massacre (headline); held on a Monday per the article, exact date not given."
tag event "an international conference on Iran’s 1988 massacre of political prisoners" 1 "The Paris conference; addressed by international jurists and political figures."
tag event "The conference" 1 "The Paris conference."
tag event "the conference" 1 "The Paris conference (video messages sent to it)."
tag event "her keynote speech" 1 "Maryam Rajavi's keynote speech at the Paris conference."
tag event "Monday’s conference" 1 "The Paris conference, held on a Monday."

# The 1988 massacre ("1988 massacre" occurs 3 times, "the massacre" 3 times).
tag event "1988 massacre of political prisoners" 1 "The 1988 massacre of political prisoners in Iran: July–August 1988, Evin and Gohardasht prisons among the sites; death toll believed to be 30,000 (per the article)."
tag event "the massacre" 1 "The 1988 massacre."
tag event "the massacre" 2 "The 1988 massacre (Khamenei was president at the time)."
tag event "interrogated and sentenced to death thousands of political detainees in Evin and Gohardasht prisons" 1 "Death-commission proceedings of the 1988 massacre, Evin and Gohardasht prisons."
tag event "a fatwa by the regime’s founder, Ruhollah Khomeini" 1 "Khomeini's fatwa that the death commissions were assembled to carry out (date not given in the article)."
tag event "The fatwa" 1 "Khomeini's fatwa."
tag event "30,000 Iranian political prisoners were executed in July and August 1988" 1 "The 1988 massacre: executions in July and August 1988 (toll as believed, unattributed)."
tag event "the massacre" 3 "The 1988 massacre (survivors' testimony)."
tag event "1988 massacre" 2 "The 1988 massacre."
tag event "that massacre" 1 "The 1988 massacre (\"open wound\")."
tag event "1988 massacre" 3 "The 1988 massacre (in Rajavi's call)."

# The Noury trial in Sweden (held partly in Albania).
tag event "Some of this testimony was finally presented in a court of law last year" 1 "The Hamid Noury trial in Sweden, last year relative to the article."
tag event "Swedish authorities prosecuted an Iranian prison official, Hamid Noury" 1 "The Noury trial in Sweden, under universal jurisdiction."
tag event "sentenced to life in prison last year" 1 "Verdict in the Noury trial: life in prison, last year."
tag event "his trial" 1 "The Noury trial."
tag event "the entire proceeding relocated to Albania" 1 "Session of the Noury trial relocated to Albania to hear survivors and victims' relatives living in Ashraf 3."
tag event "Noury’s conviction" 1 "Conviction of Hamid Noury (Swedish court)."

# The Milosevic trial at The Hague.
tag event "the trial of Slobodan Milosevic at The Hague" 1 "Trial of Slobodan Milosevic at The Hague (ICTY); Geoffrey Nice was lead prosecutor."

# Recent repression: protests/uprising, killings, executions.
tag event "more recent crackdowns on domestic dissent" 1 "Crackdowns on dissent in Iran in recent years."
tag event "the killing of 750 protesters late last year" 1 "Killing of 750 protesters in Iran, late last year (figure per Vidal Quadras)."
tag event "the surge of executions that has followed and is still ongoing" 1 "Surge of executions in Iran after the protests, ongoing at the time of the article."
tag event "the killing of young protesters during the recent uprisings" 1 "Killing of young protesters during the recent uprisings in Iran."
tag event "the recent uprisings" 1 "The recent uprisings (protests) in Iran."

# ---------------------------------------------------------------------------
# Claims — note: who makes the claim and how well the article supports it.
# ---------------------------------------------------------------------------
tag claim "Paris Conference Renews Call to Hold Tehran Accountable for Killing of Democracy Activists" 1 "Speaker: the publication (headline). Frames the 1988 victims as democracy activists. Support: framing; the article later says ~90% were PMOI/MEK members or supporters, without a source."
tag claim "The conference served to reiterate longstanding calls for a comprehensive, impartial, and independent investigation" 1 "Speaker: the conference (summarised by the article). Call for an investigation. Support: a call, reported; no evidence needed."
tag claim "one of the most egregious cases of crime against humanity since the Second World War that is yet to be investigated" 1 "Speaker: unnamed (\"what some have described\"). Support: characterisation, vaguely attributed; no evidence cited in the article."
tag claim "reiterated longstanding calls for the international community to launch a comprehensive investigation of the massacre and hold its perpetrators legally accountable" 1 "Speakers: Chile Eboe-Osuji, Leila Nadya Sadat, Wolfgang Schomburg (and other participants). Call; reported, not quoted directly."
tag claim "legitimate targets of such prosecution could include the Iranian regime’s supreme leader Ali Khamenei, its President Ebrahim Raisi, and Judiciary Chief Gholamhossein Mohseni Ejei" 1 "Speaker: Maryam Rajavi. Support: asserted; the article backs Khamenei's and Raisi's roles in 1988 only with its own unsourced background, nothing on Ejei."
tag claim "Khamenei was president of the Islamic Republic at the time of the massacre" 1 "Speaker: the article (background). Support: stated as fact, no source; a matter of public record."
tag claim "Raisi was deputy prosecutor for Tehran and served as one of four officials in the “death commission” that interrogated and sentenced to death thousands of political detainees in Evin and Gohardasht prisons" 1 "Speaker: the article (background). Support: stated as fact, no source cited; partly echoed by eye-witness testimony at the Noury trial."
tag claim "This commission and others like it were assembled to carry out a fatwa by the regime’s founder, Ruhollah Khomeini, which declared that organized opposition to the theocratic system was proof of “enmity against God,”" 1 "Speaker: the article (background). Support: stated as fact; fatwa quoted but not cited."
tag claim "The fatwa focused particularly on the leading pro-democracy opposition group, the People’s Mojahedin Organization of Iran (PMOI/MK)" 1 "Speaker: the article. Support: asserted, no source; \"leading pro-democracy opposition group\" is the article's own characterisation of the PMOI."
tag claim "subsequent communications from Khomeini ordered his subordinates to “annihilate the enemies of Islam immediately.”" 1 "Speaker: the article, quoting Khomeini's communications. Support: quotation given without a source document."
tag claim "It is believed that 30,000 Iranian political prisoners were executed in July and August 1988, of whom roughly 90 percent were members or supporters of the PMOI, or MEK." 1 "Speaker: unattributed (\"It is believed\"). Support: no source given for the 30,000 toll or the 90 percent share."
tag claim "Survivors of the massacre have said that the death commissions interrogated detainees for only a few minutes to ascertain whether they retained their political allegiances before pronouncing sentence upon them." 1 "Speakers: survivors of the massacre. Support: survivor testimony, partly presented in the Noury trial in Sweden."
tag claim "Noury was ultimately sentenced to life in prison last year for mass murder carried out in cooperation with the Tehran death commission." 1 "Speaker: the article. Support: refers to a court verdict (Sweden), verifiable; court not named."
tag claim "those eye-witnesses implicated Raisi and others" 1 "Speakers: eye-witnesses (survivors and victims' relatives) at the Noury trial. Support: court testimony, no details given in the article."
tag claim "potentially laying a groundwork for the comprehensive investigation demanded by Monday’s conference" 1 "Speaker: the article. Support: speculative assessment (\"potentially\")."
tag claim "On a global scale, the moment has arrived to end the four-decade-long impunity enjoyed by the clerical regime’s leaders, shielding them from prosecution and accountability for their participation in genocide and crimes against humanity" 1 "Speaker: Maryam Rajavi (keynote, direct quote). Support: asserted; \"genocide\" is not substantiated in the article."
tag claim "similarly highlighted Tehran’s perceived “impunity” and blamed it upon persistent international neglect of issues such as the 1988 massacre" 1 "Speakers: David Jones and Alejo Vidal Quadras. Support: opinion, reported; no evidence cited."
tag claim "Describing that massacre as an “open wound,” Prof. Vidal Quadras stated that its legacy cannot be separated from more recent crackdowns on domestic dissent, including the killing of 750 protesters late last year and the surge of executions that has followed and is still ongoing." 1 "Speaker: Alejo Vidal Quadras. Support: interpretive link; the 750 toll and the execution surge are given without a source."
tag claim "Maryam Rajavi urged the international community to pursue broader accountability after establishing the requested Commission of Inquiry" 1 "Speaker: Maryam Rajavi. Call for a Commission of Inquiry and broader accountability. Support: a call, no evidence needed."
tag claim "to prosecute Khamenei and Raisi “along with other architects of the 1988 massacre and instigators of the killing of young protesters during the recent uprisings, particularly the commanders of the IRGC.”" 1 "Speaker: Maryam Rajavi. Call to prosecute; calls them \"architects\" of the massacre. Support: asserted, no evidence cited for the IRGC commanders."
tag claim "The supreme leader, president, head of the judiciary, parliamentary speaker, IRGC commanders, and heads of intelligence and security services within the clerical regime have all been implicated in crimes against humanity dating back to the early years of the regime’s rule" 1 "Speaker: Maryam Rajavi (direct quote). Support: sweeping assertion; no evidence cited in the article."

"$DOSSIER" check "$PROJECT"
"$DOSSIER" stats "$PROJECT"
