// Members' names by id, to show who owns or was assigned a record: the
// organization's members for those who may list them (users:read), and
// otherwise only the caller, as "You".

import { useEffect, useState } from "react";
import { apiAll } from "../api/client";
import type { Member } from "../api/types";
import { useSession } from "../session/SessionContext";

export function useMemberNames(): (id?: string) => string {
  const { me, can } = useSession();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const mayList = can("users:read");
  useEffect(() => {
    if (!mayList) return;
    let current = true;
    apiAll<Member>("/v1/users").then((members) => {
      if (current) setNames(new Map(members.map((m) => [m.id, m.name])));
    }, () => undefined);
    return () => {
      current = false;
    };
  }, [mayList]);
  return (id?: string) => {
    if (!id) return "";
    if (id === me?.user.id) return "You";
    return names.get(id) ?? "Another member";
  };
}
