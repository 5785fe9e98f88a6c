/**
 * Acting on a conversation, as components any page can place (README "Acting on conversations"): each
 * control saves on change through the API, and the dashboard's cache refreshes after every change (so
 * the page it sits on re-reads), while other members' dashboards follow the live feed's `triage` events.
 * `canEdit` false (read-only members) shows the state without controls.
 */
export { ActivityTimeline, describeActivity } from "./ActivityTimeline";
export { AssigneeControl } from "./AssigneeControl";
export { labelsKey, STATUSES, statusOf, useLabels, useMembers } from "./data";
export { LabelBadge, LabelList, LabelsControl, NewLabelForm } from "./LabelsControl";
export { NotesPanel } from "./NotesPanel";
export { ShareLinkButton } from "./ShareLinkButton";
export { StatusControl } from "./StatusControl";
export { TriagePanel, useTriageLiveRefresh } from "./TriagePanel";
