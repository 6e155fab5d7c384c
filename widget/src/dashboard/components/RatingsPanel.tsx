import type { FeedbackInsights } from "@supportal/shared";
import { plural } from "../format";

interface Counts {
  up: number;
  down: number;
}

/** Share of answers rated not helpful, as a whole percent; "–" when nothing was rated. */
export function downShare({ up, down }: Counts): string {
  return up + down === 0 ? "–" : `${Math.round((100 * down) / (up + down))} %`;
}

/** How visitors rated the answers: 👍/👎 in all, by day and by the document the answer cited. */
export function RatingsPanel({ feedback }: { feedback: FeedbackInsights | undefined }) {
  const ratings = feedback ?? { up: 0, down: 0, perDay: [], perDocument: [] };
  return (
    <section aria-labelledby="ratings-title" data-testid="ratings">
      <h2 id="ratings-title">Ratings</h2>
      {ratings.up + ratings.down === 0 ? (
        <p>No answer was rated in this period.</p>
      ) : (
        <>
          <p data-testid="ratings-total">
            {plural(ratings.up, "answer")} rated helpful, {ratings.down} not helpful ({downShare(ratings)} not
            helpful).
          </p>
          <RatingsTable
            caption="By day"
            label="Day"
            testId="ratings-day"
            rows={ratings.perDay.map((day) => ({ key: day.day, name: day.day, ...day }))}
          />
          {/* In the server's order: the largest share of not helpful first, the document to fix. */}
          {ratings.perDocument.length > 0 && (
            <RatingsTable
              caption="By the document the answer cited"
              label="Document"
              testId="ratings-document"
              rows={ratings.perDocument.map((doc) => ({
                key: doc.documentId,
                name: doc.documentName,
                ...doc,
              }))}
            />
          )}
        </>
      )}
    </section>
  );
}

function RatingsTable(props: {
  caption: string;
  label: string;
  testId: string;
  rows: (Counts & { key: string | number; name: string })[];
}) {
  return (
    <table class="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.label}</th>
          <th scope="col">Helpful</th>
          <th scope="col">Not helpful</th>
          <th scope="col">Share not helpful</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.key} data-testid={props.testId}>
            <th scope="row">{row.name}</th>
            <td>{row.up}</td>
            <td>{row.down}</td>
            <td>{downShare(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
