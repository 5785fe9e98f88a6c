import { Alert, Button, Group, Select, Skeleton, Stack, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { api, ApiError } from "../../../api/client";
import type { Report, ReportData, ReportLayout, ReportWidget, WidgetType } from "../../../api/types";
import { deleting, forgetDeleted, queryClient } from "../../../api/query-client";
import { useQuery } from "../../../api/use-query";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { PageHeader } from "../../../components/PageHeader";
import { QueryRegion } from "../../../components/QueryRegion";
import { formatDateTime } from "../../../lib/format";
import { useLiveEvents, useLiveFeed } from "../../../live/live-feed";
import { useChatbot } from "../../../session/chatbot";
import { NotFoundPage } from "../../NotFoundPage";
import { newWidget, RANGE_OPTIONS, WIDGET_OPTIONS, widgetTitle } from "./catalog";
import { downloadCsv, reportCsv } from "./csv";
import { moveButtonId, WidgetCard, type MoveDirection } from "./WidgetCard";
import { viewerTimeZone } from "../../../lib/range";
import { reportsKey } from "./keys";

/** Moves the item at `from` to `to`, the others keeping their order. */
function moved<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item!);
  return next;
}

/**
 * One saved report at its shareable address (`/chatbots/:chatbotId/reports/:reportId`, for the
 * organization's members only): its widgets in a grid, the range adjustable in the URL without saving,
 * and for admins everything else — widgets added, arranged, sized and filtered, saved as they change.
 */
export default function ReportPage() {
  const { chatbot, canEdit } = useChatbot();
  const { reportId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const report = useQuery(`report:${chatbot.id}:${reportId}`, () => api.reports.get(chatbot.id, reportId));
  // The report's queries, stopped while it is deleted and dropped once this page has gone (query-client.ts).
  const readsOfReport = [`report:${chatbot.id}:${reportId}`, `report-data:${chatbot.id}:${reportId}`];
  const deleted = useRef<string[] | null>(null);
  useEffect(() => () => void (deleted.current && forgetDeleted(deleted.current)), []);
  const r = report.data;
  const days = Number(params.get("days")) || r?.rangeDays || 7;

  // Messages today moves at once with the live feed; the other figures follow on the coalesced refetch.
  const analysed = useRef(0);
  const [, setTick] = useState(0);
  const { status } = useLiveFeed();
  useLiveEvents((events) => {
    for (const e of events) if (e.type === "annotation" && e.sentiment) analysed.current += 1;
    setTick((t) => t + 1);
  });
  const data = useQuery(
    r ? `report-data:${chatbot.id}:${reportId}:${days}:${r.updatedAt}` : null,
    async (): Promise<{ data: ReportData; at: number }> => {
      const at = analysed.current;
      return { data: await api.reports.data(chatbot.id, reportId, { days, timeZone: viewerTimeZone() }), at };
    },
    { liveChatbotId: chatbot.id },
  );
  const liveSince = data.data ? analysed.current - data.data.at : 0;

  const [saveError, setSaveError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState("");
  // Changes show at once and are saved one after another, in order; while any is on its way the page shows
  // its own version, so a refetch answering with an older one cannot undo what was just done.
  const [draft, setDraft] = useState<Report | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const latest = useRef(0);
  const [saving, setSaving] = useState(false);
  const current = draft ?? r;
  const save = (change: { name?: string; rangeDays?: number; layout?: ReportLayout }) => {
    if (!current) return Promise.resolve();
    setSaveError(null);
    setDraft({ ...current, ...change });
    setSaving(true);
    const seq = ++latest.current;
    const run = queue.current.then(async () => {
      try {
        const saved = await api.reports.update(chatbot.id, current.id, change);
        if (seq === latest.current) {
          report.setData(saved);
          setDraft(null);
          setSaving(false);
        }
      } catch (e) {
        setSaveError(e);
        if (seq === latest.current) {
          setDraft(null);
          setSaving(false);
          report.reload();
        }
      }
    });
    queue.current = run;
    return run;
  };
  const setWidgets = (widgets: ReportWidget[]) => current && void save({ layout: { ...current.layout, widgets } });
  const move = (from: number, to: number) => {
    if (!current || to < 0 || to >= current.layout.widgets.length || from === to) return;
    const widget = current.layout.widgets[from]!;
    setWidgets(moved(current.layout.widgets, from, to));
    setAnnouncement(`${widgetTitle(widget)} moved to position ${to + 1} of ${current.layout.widgets.length}.`);
  };

  // A card moved by its button keeps the keyboard's focus on that button: React may move the card's element (which
  // drops focus) and a move to the first or last place disables the button pressed — then its other move button.
  const focusAfterMove = useRef<{ widgetId: string; by: MoveDirection } | null>(null);
  useLayoutEffect(() => {
    const wanted = focusAfterMove.current;
    if (!wanted) return;
    focusAfterMove.current = null;
    const button = (direction: MoveDirection) => document.getElementById(moveButtonId(wanted.widgetId, direction)) as HTMLButtonElement | null;
    const pressed = button(wanted.by);
    const target = pressed && !pressed.disabled ? pressed : button(wanted.by === "earlier" ? "later" : "earlier");
    if (target && document.activeElement !== target) target.focus();
  });

  if (report.error instanceof ApiError && report.error.status === 404 && !r) return <NotFoundPage what="report" />;

  return (
    <Stack className="report-page">
      <QueryRegion query={report} skeleton={<Skeleton h={60} />}>
        {(loaded) => {
          const rep = current ?? loaded;
          return (
          <>
            <PageHeader
              title={rep.name}
              description={data.data ? `${formatDateTime(data.data.data.range.from)} – ${formatDateTime(data.data.data.range.to)} (${viewerTimeZone()}), against the ${days} days before` : `The last ${days} days`}
              actions={
                <>
                  {/* On paper the range is words, not a control. */}
                  <Text size="sm" fw={600} className="print-only" data-testid="print-range">
                    Range: the last {days === 1 ? "day" : `${days} days`}
                  </Text>
                  <Select
                    aria-label="Range"
                    className="no-print"
                    w={120}
                    allowDeselect={false}
                    data={RANGE_OPTIONS}
                    value={String(days)}
                    onChange={(v) =>
                      v &&
                      // A history entry, as a table's filters are: Back returns to the range before.
                      setParams((p) => {
                        p.set("days", v);
                        return p;
                      })
                    }
                  />
                  <Button variant="default" className="no-print" disabled={!data.data} onClick={() => data.data && downloadCsv(rep.name, reportCsv(rep, data.data.data))}>
                    Download CSV
                  </Button>
                  <Button variant="default" className="no-print" onClick={() => window.print()}>
                    Print or save as PDF
                  </Button>
                </>
              }
            />
            {canEdit && <ReportActions report={rep} days={days} onSave={save} onDuplicated={(copy) => navigate(`/chatbots/${chatbot.id}/reports/${copy.id}`)} onDelete={async () => {
                  await deleting(readsOfReport, () => api.reports.remove(chatbot.id, rep.id));
                  // The list (and the navigation's five) drop it at once, not when their refetch comes back.
                  queryClient.setQueryData<Report[]>([reportsKey(chatbot.id)], (list) => list?.filter((r) => r.id !== rep.id));
                  deleted.current = readsOfReport;
                  navigate(`/chatbots/${chatbot.id}/reports`, { replace: true });
                }} />}
            {!canEdit && (
              <Text size="sm" c="dimmed" className="no-print">
                You can view this report and change its range; your role cannot change the report itself.
              </Text>
            )}
            {saveError !== null && <ErrorNotice error={saveError} />}
            {status === "offline" && data.data && (
              <Text size="sm" c="orange" fw={600} role="status" className="no-print">
                Reconnecting to the live feed… messages today may be behind.
              </Text>
            )}
            <VisuallyHidden role="status" aria-live="polite">
              {announcement}
            </VisuallyHidden>
            {rep.layout.widgets.length === 0 ? (
              <Alert color="gray" title="This report has no widgets yet">
                {canEdit ? "Add the first one below: stats, charts and lists, each with its own size and filters." : "An admin of the organization can add widgets to it."}
              </Alert>
            ) : (
              <>
                {data.error !== null && data.data === undefined && <ErrorNotice error={data.error} onRetry={data.reload} />}
                <div className="report-grid" data-testid="report-grid">
                  {rep.layout.widgets.map((w, i) => {
                    const answer = data.data?.data.widgets.find((a) => a.id === w.id && a.type === w.type);
                    const unfilteredToday = w.type === "messages_today" && Object.keys(w.filters).length === 0;
                    return (
                      <WidgetCard
                        key={w.id}
                        widget={w}
                        index={i}
                        count={rep.layout.widgets.length}
                        data={answer?.data}
                        failed={data.data === undefined && data.error !== null}
                        chatbotId={chatbot.id}
                        canEdit={canEdit}
                        live={unfilteredToday ? liveSince : 0}
                        onChange={(next) => setWidgets(rep.layout.widgets.map((x) => (x.id === w.id ? next : x)))}
                        onMove={(to, by) => {
                          focusAfterMove.current = { widgetId: w.id, by };
                          move(i, to);
                        }}
                        onDropFrom={(from) => move(from, i)}
                        onRemove={() => setWidgets(rep.layout.widgets.filter((x) => x.id !== w.id))}
                      />
                    );
                  })}
                </div>
              </>
            )}
            {canEdit && <AddWidget report={rep} onAdd={(type) => setWidgets([...rep.layout.widgets, newWidget(type, rep.layout.widgets.map((w) => w.id))])} />}
            {canEdit && (
              <Text size="sm" c="dimmed" className="no-print" data-testid="save-state">
                {saving ? "Saving…" : saveError !== null ? "The last change was not saved (the reason is above)" : "All changes saved"}
              </Text>
            )}
          </>
          );
        }}
      </QueryRegion>
    </Stack>
  );
}

function AddWidget({ report, onAdd }: { report: Report; onAdd: (type: WidgetType) => void }) {
  const [type, setType] = useState<string | null>(null);
  const full = report.layout.widgets.length >= 24;
  return (
    <Group align="flex-end" gap="xs" className="no-print">
      <Select label="Widget" placeholder="Choose a widget" data={WIDGET_OPTIONS} value={type} onChange={setType} w={260} disabled={full} />
      <Button
        disabled={!type || full}
        onClick={() => {
          if (!type) return;
          onAdd(type as WidgetType);
          setType(null);
        }}
      >
        Add widget
      </Button>
      {full && (
        <Text size="sm" c="dimmed">
          A report holds at most 24 widgets.
        </Text>
      )}
    </Group>
  );
}

function ReportActions({
  report,
  days,
  onSave,
  onDuplicated,
  onDelete,
}: {
  report: Report;
  days: number;
  onSave: (change: { name?: string; rangeDays?: number }) => Promise<void>;
  onDuplicated: (copy: Report) => void;
  /** Deletes the report (and leaves its page); a failure stays in the confirmation dialog. */
  onDelete: () => Promise<void>;
}) {
  const { chatbot } = useChatbot();
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack gap="xs" className="no-print">
      <Group gap="xs" align="flex-end">
        {name === null ? (
          <Button variant="default" onClick={() => setName(report.name)}>
            Rename
          </Button>
        ) : (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (!name.trim()) return;
              await onSave({ name: name.trim() });
              setName(null);
            }}
          >
            <Group gap="xs" align="flex-end">
              <TextInput label="Report name" value={name} maxLength={100} required onChange={(e) => setName(e.currentTarget.value)} />
              <Button type="submit">Save name</Button>
              <Button variant="subtle" onClick={() => setName(null)}>
                Cancel
              </Button>
            </Group>
          </form>
        )}
        {days !== report.rangeDays && (
          <Button variant="default" onClick={() => void onSave({ rangeDays: days })}>
            Open with {days} days by default
          </Button>
        )}
        <Button
          variant="default"
          onClick={async () => {
            setError(null);
            try {
              onDuplicated(await api.reports.duplicate(chatbot.id, report.id));
            } catch (e) {
              setError(e);
            }
          }}
        >
          Duplicate
        </Button>
        <ConfirmButton variant="light" label="Delete" title={`Delete “${report.name}”?`} confirmLabel="Delete report" onConfirm={onDelete}>
          <Text size="sm">The report and its layout are deleted for everyone in the organization. The data it shows is not touched.</Text>
        </ConfirmButton>
      </Group>
      {error !== null && <ErrorNotice error={error} />}
    </Stack>
  );
}
