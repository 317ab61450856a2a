// SQL shared by what hangs off another record (notes, tasks): whether the
// caller sees the live record of type TYPE and id ID, both SQL expressions,
// `$1` the organization. A lead or a client under its own row-level
// policies, a deal or an order through its live client.
#pragma once

#define SENTRA_RECORD_VISIBLE(TYPE, ID)                                                                        \
  "CASE " TYPE " WHEN 'lead' THEN EXISTS (SELECT 1 FROM leads l WHERE l.org_id = $1 AND l.id = " ID            \
  " AND l.archived_at IS NULL) WHEN 'client' THEN EXISTS (SELECT 1 FROM clients c WHERE c.org_id = $1 "        \
  "AND c.id = " ID " AND c.archived_at IS NULL) WHEN 'deal' THEN EXISTS (SELECT 1 FROM deals d JOIN clients c " \
  "ON c.org_id = d.org_id AND c.id = d.client_id AND c.archived_at IS NULL WHERE d.org_id = $1 AND d.id = " ID  \
  " AND d.archived_at IS NULL) WHEN 'order' THEN EXISTS (SELECT 1 FROM orders o JOIN clients c "               \
  "ON c.org_id = o.org_id AND c.id = o.client_id AND c.archived_at IS NULL WHERE o.org_id = $1 AND o.id = " ID  \
  " AND o.archived_at IS NULL) ELSE false END"
