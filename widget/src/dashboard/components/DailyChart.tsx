import type { DailyActivity } from "@supportal/shared";

const WIDTH = 600;
const HEIGHT = 140;

/**
 * A small SVG bar chart of messages per day. The picture is decorative for screen readers: the same
 * numbers follow as a table, folded away for sighted users.
 */
export function DailyChart({ days }: { days: DailyActivity[] }) {
  const max = Math.max(1, ...days.map((day) => day.messages));
  const slot = WIDTH / Math.max(1, days.length);
  const total = days.reduce((sum, day) => sum + day.messages, 0);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`}
        role="img"
        aria-label={`${total} messages over ${days.length} days`}
      >
        {days.map((day, index) => {
          const height = (day.messages / max) * HEIGHT;
          return (
            <rect
              key={day.day}
              x={index * slot + slot * 0.15}
              y={HEIGHT - height}
              width={slot * 0.7}
              height={Math.max(height, day.messages ? 1 : 0)}
              class="bar"
            >
              <title>
                {day.day}: {day.messages} messages
              </title>
            </rect>
          );
        })}
        <line x1="0" x2={WIDTH} y1={HEIGHT} y2={HEIGHT} class="axis" />
        <text x="0" y={HEIGHT + 16} class="tick">
          {days[0]?.day}
        </text>
        <text x={WIDTH} y={HEIGHT + 16} class="tick" text-anchor="end">
          {days.at(-1)?.day}
        </text>
      </svg>
      <figcaption class="meta">
        {total} messages in total; the tallest bar is {max}.
      </figcaption>
      <details>
        <summary>Show as a table</summary>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Messages</th>
              <th scope="col">Customer questions</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row">{day.day}</th>
                <td>{day.messages}</td>
                <td>{day.questions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
