// The shapes the server sends (docs/API.md; a person's file is the JSON of
// `sawt person show --json`). Fields are optional where the server may omit
// them: the interface shows what is there and never assumes the rest.

/** A name as parts (first, father, grandfather, family, mother) or as one string. */
export type NameValue = string | { full?: string; first?: string; father?: string; grandfather?: string; family?: string; mother?: string } | null | undefined;

export type Role = 'admin' | 'coordinator' | 'case_worker' | 'researcher' | 'viewer';

export interface User {
  username: string;
  display_name?: string;
  role: Role;
  lang?: string;
  disabled?: boolean;
  teams?: string[];
  last_login?: string;
  created?: string;
}

export interface Risk {
  level?: string;
  level_ar?: string;
  score?: number;
  destination?: string;
  explanation?: string;
  explanation_ar?: string;
  factors?: { id?: string; ar?: string; en?: string; level?: string; weight?: number }[];
  gaps?: ({ ar?: string; en?: string; code?: string } | string)[];
  rules_version?: string;
}

export interface Reason {
  code?: string;
  ar?: string;
  en?: string;
}

export interface Transfer {
  agreement?: string;
  agreement_version?: string;
  eligibility?: string;
  eligibility_ar?: string;
  eligible_from?: { earliest?: string; latest?: string; text?: string } | string;
  met?: Reason[];
  reasons?: Reason[];
  prison_years_served?: { min?: number; max?: number } | number;
  required_prison_years?: number;
  name?: string;
  name_lat?: string;
  person?: string;
  status?: string;
}

export interface Alert {
  key: string;
  kind?: string;
  due?: string;
  due_earliest?: string;
  due_latest?: string;
  days_left?: number;
  stage?: string;
  state?: string;
  state_at?: string;
  state_by?: string;
  state_note?: string;
  explanation?: string;
  explanation_ar?: string;
  name?: NameValue;
  name_ar?: NameValue;
  name_lat?: NameValue;
  person?: string;
  person_id?: number;
}

export interface PersonSummary {
  public_id: string;
  name_ar?: NameValue;
  name_lat?: NameValue;
  status?: string;
  facility?: string;
  risk?: string | Risk | null;
  gender?: string;
  birth_date?: string;
  confidential?: boolean;
}

export interface SourceRecord {
  id?: number;
  record_id?: string;
  source?: string;
  source_id?: number;
  source_kind?: string;
  reliability?: number;
  name?: NameValue;
  name_ar?: NameValue;
  name_lat?: NameValue;
  gender?: string;
  birth_date?: string;
  birth_place?: string;
  nationality?: string;
  id_number?: string;
  arrest_date?: string;
  facility?: string;
  notes?: string;
  line?: number;
  extra?: Record<string, string>;
  person?: string;
}

export interface Hearing {
  id?: number;
  date?: string;
  outcome?: string;
  notes?: string;
}

export interface CaseFile {
  id?: number;
  case_number?: string;
  court?: string;
  charges?: string[];
  allegations?: string[];
  hearings?: Hearing[];
  statuses?: { date?: string; status?: string }[];
  lawyer?: string;
  notes?: string;
  sentence_months?: number;
  sentence_start?: string;
  sentence_end?: string;
}

export interface Consent {
  id?: number;
  scope?: string;
  decision?: string;
  given_by?: string;
  witness?: string;
  partner?: string;
  date?: string;
  notes?: string;
  recorded_by?: string;
}

/** A partner share that carried this person, and the share consent now in force. */
export interface Share {
  bundle_id?: string;
  partner?: string;
  at?: string;
  by?: string;
  consent_now?: 'granted' | 'refused' | 'unknown' | 'none';
  consent_date?: string;
}

export interface TimelineEvent {
  id?: number;
  type?: string;
  date?: string;
  description?: string;
  facility?: string;
  source_id?: number;
}

export interface AdvocacyEntry {
  id?: number;
  action?: string;
  addressee?: string;
  date?: string;
  reference?: string;
  response?: string;
  follow_up?: string;
  act_until?: string;
}

export interface Document {
  id?: number;
  kind?: string;
  title?: string;
  file_name?: string;
  content_type?: string;
  size?: number;
  sha256?: string;
  date?: string;
  created_at?: string;
  created_by?: string;
}

export interface PersonFile extends PersonSummary {
  id?: number;
  birth_place?: string;
  nationality?: string;
  id_number?: string;
  notes?: string;
  team?: string;
  teams?: string[];
  records?: SourceRecord[];
  names?: { name?: NameValue; script?: string; source?: string; kind?: string }[];
  arrests?: { id?: number; date?: string; place?: string; authority?: string; notes?: string }[];
  custody?: { id?: number; facility?: string; from?: string; to?: string }[];
  cases?: CaseFile[];
  consents?: Consent[];
  shares?: Share[];
  events?: TimelineEvent[];
  advocacy?: AdvocacyEntry[];
  documents?: Document[];
  flags?: (string | { flag?: string; code?: string; notes?: string })[];
  risk?: Risk | null;
  transfer?: Transfer | null;
  alerts?: Alert[];
}

export interface Facility {
  code: string;
  name_ar?: string;
  name_en?: string;
  type?: string;
  authority?: string;
  city?: string;
  country?: string;
  capacity?: number;
  persons_held?: number;
  population?: { date?: string; count?: number; source?: string }[];
}
