import { Link } from "@remix-run/react";

/** The way down from the viewer's own top node to the node a page is about, each step a link for the same year. */
export function OrgTrail({
  trail,
  current,
  year,
  label,
}: {
  trail: { id: number; name: string }[];
  current: number;
  year: number;
  label: string;
}) {
  return (
    <nav aria-label={label} className="text-sm text-stone-600">
      {trail.map((n, i) => (
        <span key={n.id}>
          {i ? " › " : ""}
          {n.id === current ? (
            <span aria-current="page">{n.name}</span>
          ) : (
            <Link to={`?org=${n.id}&year=${year}`} className="underline">
              {n.name}
            </Link>
          )}
        </span>
      ))}
    </nav>
  );
}
