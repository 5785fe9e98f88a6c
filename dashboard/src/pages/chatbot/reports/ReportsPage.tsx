import { Anchor, Button, Group, Paper, Select, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, placeRefusal } from "../../../api/client";
import { useQuery } from "../../../api/use-query";
import { EmptyNotice } from "../../../components/EmptyNotice";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { PageHeader } from "../../../components/PageHeader";
import { QueryRegion } from "../../../components/QueryRegion";
import { formatAgo } from "../../../lib/format";
import { useAction } from "../../../lib/use-action";
import { useChatbot } from "../../../session/chatbot";
import { RANGE_OPTIONS } from "./catalog";
import { reportsKey } from "./keys";


/** The chatbot's saved reports, most recently changed first; admins create new ones here. */
export default function ReportsPage() {
  const { chatbot, canEdit } = useChatbot();
  const reports = useQuery(reportsKey(chatbot.id), () => api.reports.list(chatbot.id));
  return (
    <Stack>
      <PageHeader title="Reports" description="Saved views of the numbers that matter, shared with everyone in the organization." />
      {canEdit && <NewReport />}
      <QueryRegion
        query={reports}
        skeleton={<Skeleton h={120} />}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyNotice title="No reports yet">{canEdit ? "Create one above, then add stats, charts and lists to it." : "An admin of the organization can create one."}</EmptyNotice>}
      >
        {(list) => (
          <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {list.map((r) => (
              <Paper key={r.id} withBorder radius="md" p="sm" component="li">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Anchor component={Link} to={`/chatbots/${chatbot.id}/reports/${r.id}`} fw={600}>
                    {r.name}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {r.layout.widgets.length} widgets · last {r.rangeDays} days · changed {formatAgo(r.updatedAt)}
                  </Text>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </QueryRegion>
    </Stack>
  );
}

function NewReport() {
  const { chatbot } = useChatbot();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [days, setDays] = useState("7");
  const { busy, error, run } = useAction();
  const refusal = placeRefusal(error, ["name", "rangeDays"]);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="new-report">
      <Text fw={600} id="new-report" mb="xs">
        New report
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void run(async () => {
            const report = await api.reports.create(chatbot.id, { name: name.trim(), rangeDays: Number(days) });
            navigate(`/chatbots/${chatbot.id}/reports/${report.id}`);
          });
        }}
      >
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput label="Name" placeholder="Weekly review" required maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} error={refusal.beside.name} w={260} />
          <Select label="Default range" allowDeselect={false} data={RANGE_OPTIONS} value={days} onChange={(v) => v && setDays(v)} error={refusal.beside.rangeDays} w={140} />
          <Button type="submit" loading={busy}>
            Create report
          </Button>
        </Group>
      </form>
      {refusal.alert !== null && <ErrorNotice error={refusal.alert} />}
    </Paper>
  );
}
