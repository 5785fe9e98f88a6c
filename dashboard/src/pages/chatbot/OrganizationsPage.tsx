import { Anchor, Group, Stack, Table } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import { useQuery } from "../../api/use-query";
import { EmptyNotice } from "../../components/EmptyNotice";
import { failed, RegionError } from "../../components/QueryRegion";
import { PageHeader } from "../../components/PageHeader";
import { ExportMenu } from "../../components/ExportMenu";
import { PeopleFilters } from "../../components/PeopleFilters";
import { PersonLink, usePersonPath } from "../../components/PersonLink";
import { SentimentBadge } from "../../components/SentimentBadge";
import { SkeletonRows } from "../../components/SkeletonRows";
import { SortableHeader } from "../../components/SortableHeader";
import { PastLastPage, pastLastPage, TablePager } from "../../components/TablePager";
import { formatAgo, formatMoney } from "../../lib/format";
import { useUrlFilters } from "../../lib/url-filters";
import { useChatbot } from "../../session/chatbot";

const KEYS = ["q", "plan", "industry", "mrrMin", "mrrMax", "sort", "order"] as const;

/** Client organizations (your customers' accounts) by plan and MRR; a row opens its profile. */
export default function OrganizationsPage() {
  const { chatbot } = useChatbot();
  const navigate = useNavigate();
  const { values, set, page } = useUrlFilters(KEYS);
  const sort = values.sort || "lastActivity";
  const order = values.order === "asc" ? "asc" : "desc";
  const query = { ...values, sort, order, page, limit: 25 };
  const orgs = useQuery(`organizations:${chatbot.id}:${JSON.stringify(query)}`, () => api.analytics.organizations(chatbot.id, query), { liveChatbotId: chatbot.id });
  const personPath = usePersonPath();
  const profileOf = (externalId: string) => personPath(chatbot.id, "organization", externalId);
  const onSort = (s: string, o: "asc" | "desc") => set({ sort: s, order: o });

  return (
    <Stack>
      <PageHeader
        title="Organizations"
        description="Your customers' accounts, with what they pay and how their people feel."
        actions={<ExportMenu path={`/api/v1/chatbots/${chatbot.id}/exports/organizations`} params={query} />}
      />
      <PeopleFilters values={values} set={set} searchLabel="Id or name" />
      <RegionError query={orgs} />
      {!failed(orgs) && (
        <Table.ScrollContainer minWidth={820} className="phone-priority">
          <Table highlightOnHover verticalSpacing="xs" data-testid="organizations-table">
            <Table.Thead>
              <Table.Tr>
                <SortableHeader label="Organization" field="name" sort={sort} order={order} onSort={onSort} />
                <Table.Th>Plan</Table.Th>
                <Table.Th>Industry</Table.Th>
                <SortableHeader label="MRR" field="mrr" sort={sort} order={order} onSort={onSort} />
                <Table.Th>Users</Table.Th>
                <SortableHeader label="Conversations" field="conversations" sort={sort} order={order} onSort={onSort} />
                <SortableHeader label="Avg. sentiment" field="sentiment" sort={sort} order={order} onSort={onSort} />
                <SortableHeader label="Last activity" field="lastActivity" sort={sort} order={order} onSort={onSort} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orgs.loading ? (
                <SkeletonRows columns={8} />
              ) : (
                orgs.data?.data.map((o) => (
                  <Table.Tr key={o.id} className="clickable-row" onClick={() => navigate(profileOf(o.externalId))}>
                    <Table.Td>
                      <PersonLink chatbotId={chatbot.id} kind="organization" externalId={o.externalId} name={o.name} />
                    </Table.Td>
                    <Table.Td>{o.plan ?? "—"}</Table.Td>
                    <Table.Td>{o.industry ?? "—"}</Table.Td>
                    <Table.Td>{formatMoney(o.mrr)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Anchor component={Link} to={`/chatbots/${chatbot.id}/users?organization=${encodeURIComponent(o.externalId)}`} size="sm" onClick={(e) => e.stopPropagation()} aria-label={`${o.users} users of ${o.name ?? o.externalId}`}>
                          {o.users}
                        </Anchor>
                      </Group>
                    </Table.Td>
                    <Table.Td>{o.conversations}</Table.Td>
                    <Table.Td>
                      <SentimentBadge score={o.averageSentiment} />
                    </Table.Td>
                    <Table.Td>{formatAgo(o.lastActivityAt)}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!orgs.loading && orgs.data?.data.length === 0 && pastLastPage(orgs.data.pagination) && (
        <PastLastPage pagination={orgs.data.pagination} onPage={(p) => set({ page: p }, false)} noun="organizations" />
      )}
      {!orgs.loading && orgs.data?.data.length === 0 && !pastLastPage(orgs.data.pagination) && <EmptyNotice title="No organizations match">Organizations appear once your integration sends an `organization` with its messages.</EmptyNotice>}
      <TablePager pagination={orgs.data?.pagination} onPage={(p) => set({ page: p }, false)} noun="organizations" />
    </Stack>
  );
}
