// Case data for the demo store: from a person's compact outline (population.h)
// it derives the arrest, the custody periods with transfers, the case file
// (court, charges, status history, hearings, sentence, lawyer, allegations),
// the timeline of events and the consent records.
//
// Invariants: every date lies between the arrest and Options::today, except a
// scheduled next hearing (no outcome yet) within 60 days after today; custody periods
// follow each other without gaps, the last one open while the person is held;
// status history is in order investigation -> indictment -> trial -> verdict
// -> appeal -> final and ends at the person's stage; a sentence is present
// exactly when the verdict convicted; events are sorted by date.
#pragma once

#include "synth/population.h"
#include "synth/synth.h"
#include "synth/tables.h"

namespace sawt::synth {

// Fills out.arrests, custody, cases, events and consents for person `index`.
// Deterministic in (options.seed, index).
void add_case_data(SynthPerson& out, const Identity& who, int index, const Options& options, const Tables& tables);

}  // namespace sawt::synth
