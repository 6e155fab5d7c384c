import { useState } from "preact/hooks";
import { colorProblem, DEFAULT_COLOR, normalizeColor, type SettingsValues } from "../settings-form";

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
