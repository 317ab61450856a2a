// A long list in a scrolling box: only the rows in view are in the page,
// and the next page is asked for as the end comes into view.

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, type ReactNode } from "react";

export function VirtualList<T extends { id: string }>({ label, rows, loading, done, loadMore, rowHeight = 52,
                                                      noun, children }: {
  label: string;
  rows: T[];
  loading: boolean;
  done: boolean;
  loadMore: () => void;
  rowHeight?: number;
  noun: string;
  children: (row: T) => ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 20) loadMore();
  }, [last, rows.length, loadMore]);

  return (
    <>
      <div ref={scroller} className="list" aria-busy={loading}>
        {/* A list only while it has rows: an empty one says so in words
            below, and a list without items misleads a screen reader. */}
        <div role={rows.length > 0 ? "list" : undefined} aria-label={rows.length > 0 ? label : undefined}
             style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <div key={row.id} role="listitem" className="row"
                   style={{ position: "absolute", top: 0, left: 0, right: 0, height: item.size,
                            transform: `translateY(${item.start}px)` }}>
                {children(row)}
              </div>
            );
          })}
        </div>
        {loading && <p className="list-status" role="status">Loading {noun}…</p>}
        {!loading && done && rows.length === 0 && <p className="list-status">No {noun} match.</p>}
      </div>
      <p className="muted count" role="status">{rows.length} shown{done ? "" : ", more as you scroll"}</p>
    </>
  );
}
