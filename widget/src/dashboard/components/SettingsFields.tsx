import { useState } from "preact/hooks";
import {
  colorProblem,
  DEFAULT_COLOR,
  dayField,
  normalizeColor,
  type SettingsValues,
  WEEKDAYS,
} from "../settings-form";

const dayNames = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
} as const;

type Change = (field: keyof SettingsValues, value: string) => void;

/** The settings inputs, each with a visible label and, where the format matters, a hint. */
export function SettingsFields({ values, onChange }: { values: SettingsValues; onChange: Change }) {
  const text = (field: keyof SettingsValues) => ({
    id: `setting-${field}`,
    value: values[field],
    onInput: (event: { currentTarget: { value: string } }) => onChange(field, event.currentTarget.value),
  });
  // Said at the field once the owner has left it (or typed a full colour's length), not at Save only.
  const [colorLeft, setColorLeft] = useState(false);
  const problem = colorProblem(values.color);
  const showProblem = problem !== undefined && (colorLeft || values.color.trim().length >= 7);
  return (
    <>
      <fieldset>
        <legend>Business</legend>
        <label for="setting-name">Name</label>
        <input {...text("name")} required maxLength={200} />
        <label for="setting-allowedOrigins">Allowed origins</label>
        <textarea {...text("allowedOrigins")} rows={3} aria-describedby="origins-hint" />
        <p id="origins-hint" class="hint">
          One per line, like https://shop.example.com. Empty: any site may embed the chat.
        </p>
      </fieldset>
      <fieldset>
        <legend>Widget</legend>
        <label for="setting-title">Title</label>
        <input {...text("title")} maxLength={80} aria-describedby="title-hint" />
        <p id="title-hint" class="hint">
          Empty: the business name.
        </p>
        <label for="setting-greeting">Greeting</label>
        <textarea {...text("greeting")} rows={2} maxLength={500} />
        <label for="setting-color">Colour</label>
        <div class="row">
          <input
            type="color"
            aria-label="Colour picker"
            value={normalizeColor(values.color) ?? DEFAULT_COLOR}
            onInput={(event) => onChange("color", event.currentTarget.value)}
          />
          {/* No maxLength: a pasted " #1F6FEB " must not be cut to something else without a word. */}
          <input
            {...text("color")}
            class="short"
            spellcheck={false}
            autoComplete="off"
            aria-invalid={showProblem}
            aria-describedby="color-hint color-problem"
            onBlur={() => setColorLeft(true)}
          />
        </div>
        <p id="color-hint" class="hint">
          A hex colour like #1f6feb. The widget darkens it if text on it would be hard to read.
        </p>
        <p id="color-problem" class="field-problem" aria-live="polite" data-testid="color-problem">
          {showProblem ? problem : ""}
        </p>
        <label for="setting-position">Position</label>
        <select
          id="setting-position"
          value={values.position}
          onChange={(event) => onChange("position", event.currentTarget.value)}
        >
          <option value="right">Bottom right</option>
          <option value="left">Bottom left</option>
        </select>
      </fieldset>
      <fieldset>
        <legend>Assistant</legend>
        <label for="setting-systemPrompt">System prompt</label>
        <textarea {...text("systemPrompt")} rows={5} maxLength={8000} aria-describedby="prompt-hint" />
        <p id="prompt-hint" class="hint">
          Extra instructions for the language model (tone, what to refer people to). Not used by the offline
          answerer.
        </p>
      </fieldset>
      <fieldset>
        <legend>People</legend>
        <label class="check">
          <input
            type="checkbox"
            id="setting-handoffEnabled"
            checked={values.handoffEnabled === "true"}
            onChange={(event) => onChange("handoffEnabled", event.currentTarget.checked ? "true" : "false")}
          />
          Customers can ask for a person
        </label>
        <p class="hint">
          The widget shows “Talk to a person”, and a request for one goes to the inbox. Off: the assistant
          points customers to your support instead.
        </p>
        <label for="setting-handoffAfterNotFound">
          Offer a person after this many unanswered questions in a row
        </label>
        <input
          {...text("handoffAfterNotFound")}
          class="short"
          inputMode="numeric"
          aria-describedby="after-hint"
        />
        <p id="after-hint" class="hint">
          Empty: never offered on its own.
        </p>
        <label class="check">
          <input
            type="checkbox"
            id="setting-hoursEnabled"
            checked={values.hoursEnabled === "true"}
            onChange={(event) => onChange("hoursEnabled", event.currentTarget.checked ? "true" : "false")}
          />
          Only during business hours
        </label>
        {values.hoursEnabled === "true" && (
          <div class="hours">
            <label for="setting-timeZone">Time zone</label>
            <input {...text("timeZone")} maxLength={64} aria-describedby="zone-hint" />
            <p id="zone-hint" class="hint">
              Like Europe/Berlin or America/New_York. Outside these hours nobody is available and customers
              are asked for their email address.
            </p>
            {WEEKDAYS.map((day) => (
              <div class="row" key={day}>
                <label for={`setting-${dayField(day)}`} class="day">
                  {dayNames[day]}
                </label>
                <input
                  {...text(dayField(day))}
                  placeholder="closed"
                  aria-describedby="hours-hint"
                  maxLength={200}
                />
              </div>
            ))}
            <p id="hours-hint" class="hint">
              Like 09:00-17:00, or 09:00-12:00, 13:00-17:00. Empty: closed that day.
            </p>
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Limits</legend>
        <label for="setting-sessionRatePerMinute">Messages per conversation per minute</label>
        <input
          {...text("sessionRatePerMinute")}
          class="short"
          inputMode="numeric"
          aria-describedby="limit-hint"
        />
        <label for="setting-dailyMessageLimit">Customer messages per day</label>
        <input
          {...text("dailyMessageLimit")}
          class="short"
          inputMode="numeric"
          aria-describedby="limit-hint"
        />
        <label for="setting-retentionDays">Keep conversations for (days)</label>
        <input
          {...text("retentionDays")}
          class="short"
          inputMode="numeric"
          aria-describedby="limit-hint retention-hint"
        />
        <p id="limit-hint" class="hint">
          Empty: the server's default.
        </p>
        <p id="retention-hint" class="hint">
          Messages older than this are deleted for good, exports included. The server's default keeps them
          unless it was started with a number of days.
        </p>
      </fieldset>
    </>
  );
}
