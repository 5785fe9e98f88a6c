import { Stack, Table } from "@mantine/core";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import { useQuery } from "../../api/use-query";
import { EmptyNotice } from "../../components/EmptyNotice";
import { ExportMenu } from "../../components/ExportMenu";
import { failed, RegionError } from "../../components/QueryRegion";
import { PageHeader } from "../../components/PageHeader";
import { PeopleFilters } from "../../components/PeopleFilters";
import { PersonLink, usePersonPath } from "../../components/PersonLink";
import { SentimentBadge } from "../../components/SentimentBadge";
import { SkeletonRows } from "../../components/SkeletonRows";
import { SortableHeader } from "../../components/SortableHeader";
import { PastLastPage, pastLastPage, TablePager } from "../../components/TablePager";
import { formatAgo, formatMoney } from "../../lib/format";
import { useUrlFilters } from "../../lib/url-filters";
import { useChatbot } from "../../session/chatbot";

const KEYS = ["q", "plan", "industry", "mrrMin", "mrrMax", "organization", "sort", "order"] as const;

/** Client users: who they are, what they pay, how they feel; a row opens their profile. */
export default function UsersPage() {
  const { chatbot } = useChatbot();
  const navigate = useNavigate();
  const { values, set, page } = useUrlFilters(KEYS);
  const sort = values.sort || "lastActivity";
  const order = values.order === "asc" ? "asc" : "desc";
  const query = { ...values, sort, order, page, limit: 25 };
  const users = useQuery(`users:${chatbot.id}:${JSON.stringify(query)}`, () => api.analytics.users(chatbot.id, query), { liveChatbotId: chatbot.id });
  const personPath = usePersonPath();
  const profileOf = (externalId: string) => personPath(chatbot.id, "user", externalId);
  const onSort = (s: string, o: "asc" | "desc") => set({ sort: s, order: o });

  return (
    <Stack>
      <PageHeader
        title="Users"
        description={values.organization ? `Users of organization ${values.organization}` : "Your chatbot's end users, as your integration describes them."}
        actions={<ExportMenu path={`/api/v1/chatbots/${chatbot.id}/exports/users`} params={query} />}
      />
      <PeopleFilters values={values} set={set} searchLabel="Id, name, email or organization" />
      <RegionError query={users} />
      {!failed(users) && (
        <Table.ScrollContainer minWidth={860} className="phone-priority">
          <Table highlightOnHover verticalSpacing="xs" data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <SortableHeader label="User" field="name" sort={sort} order={order} onSort={onSort} />
                <Table.Th>Email</Table.Th>
                <Table.Th>Organization</Table.Th>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Industry</Table.Th>
                <SortableHeader label="MRR" field="mrr" sort={sort} order={order} onSort={onSort} />
                <SortableHeader label="Conversations" field="conversations" sort={sort} order={order} onSort={onSort} />
                <SortableHeader label="Avg. sentiment" field="sentiment" sort={sort} order={order} onSort={onSort} />
                <SortableHeader label="Last activity" field="lastActivity" sort={sort} order={order} onSort={onSort} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.loading ? (
                <SkeletonRows columns={9} />
              ) : (
                users.data?.data.map((u) => (
                  <Table.Tr key={u.id} className="clickable-row" onClick={() => navigate(profileOf(u.externalId))}>
                    <Table.Td>
                      <PersonLink chatbotId={chatbot.id} kind="user" externalId={u.externalId} name={u.name} />
                    </Table.Td>
                    <Table.Td>{u.email ?? "—"}</Table.Td>
                    <Table.Td>{u.organization ? <PersonLink chatbotId={chatbot.id} kind="organization" externalId={u.organization.externalId} name={u.organization.name} /> : "—"}</Table.Td>
                    <Table.Td>{u.plan ?? "—"}</Table.Td>
                    <Table.Td>{u.industry ?? "—"}</Table.Td>
                    <Table.Td>{formatMoney(u.mrr)}</Table.Td>
                    <Table.Td>{u.conversations}</Table.Td>
                    <Table.Td>
                      <SentimentBadge score={u.averageSentiment} />
                    </Table.Td>
                    <Table.Td>{formatAgo(u.lastActivityAt)}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!users.loading && users.data?.data.length === 0 && pastLastPage(users.data.pagination) && (
        <PastLastPage pagination={users.data.pagination} onPage={(p) => set({ page: p }, false)} noun="users" />
      )}
      {!users.loading && users.data?.data.length === 0 && !pastLastPage(users.data.pagination) && <EmptyNotice title="No users match">Users appear once your integration sends a `user` with its messages.</EmptyNotice>}
      <TablePager pagination={users.data?.pagination} onPage={(p) => set({ page: p }, false)} noun="users" />
    </Stack>
  );
}
