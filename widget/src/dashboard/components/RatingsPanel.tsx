import type { FeedbackInsights } from "@supportal/shared";
import { plural } from "../format";

/** Share of answers rated not helpful, as a whole percent; "–" when nothing was rated. */
export function downShare({ up, down }: { up: number; down: number }): string {
  return up + down === 0 ? "–" : `${Math.round((100 * down) / (up + down))} %`;
}

/** How visitors rated the answers: 👍/👎 in all, by day and by the document the answer cited. */
export function RatingsPanel({ feedback }: { feedback: FeedbackInsights | undefined }) {
  const ratings = feedback ?? { up: 0, down: 0, perDay: [], perDocument: [] };
  // In the server's order: the largest share of not helpful first, the document to fix.
  const documents = ratings.perDocument;
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
          <table class="table">
            <caption>By day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Helpful</th>
                <th scope="col">Not helpful</th>
                <th scope="col">Share not helpful</th>
              </tr>
            </thead>
            <tbody>
              {ratings.perDay.map((day) => (
                <tr key={day.day} data-testid="ratings-day">
                  <th scope="row">{day.day}</th>
                  <td>{day.up}</td>
                  <td>{day.down}</td>
                  <td>{downShare(day)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {documents.length > 0 && (
            <table class="table">
              <caption>By the document the answer cited</caption>
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">Helpful</th>
                  <th scope="col">Not helpful</th>
                  <th scope="col">Share not helpful</th>
                </tr>
              </thead>
              <tbody>
                {documents.map((doc) => (
                  <tr key={doc.documentId} data-testid="ratings-document">
                    <th scope="row">{doc.documentName}</th>
                    <td>{doc.up}</td>
                    <td>{doc.down}</td>
                    <td>{downShare(doc)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
