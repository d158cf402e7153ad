// PersonGenerator: a new person with the next person id.

import type { ResolvedConfig } from "./config.js";
import type { JavaRandom } from "./java-random.js";
import { lastBase0PersonId } from "./ids.js";
import type { Person } from "./model.js";
import { nextExtra, nextString } from "./strings.js";

export const FIRST_PERSON_ID = 1000;

export const US_STATES: readonly string[] = Object.freeze(["AZ", "CA", "ID", "OR", "WA", "WY"]);
export const US_CITIES: readonly string[] = Object.freeze([
  "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle",
  "Kent", "Cheyenne",
]);
export const FIRST_NAMES: readonly string[] = Object.freeze([
  "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter",
]);
export const LAST_NAMES: readonly string[] = Object.freeze([
  "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris",
]);

/** All 99 "First Last" names, so a person costs no concatenation for its name. */
const FULL_NAMES: readonly string[] = FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => f + " " + l));

/** String.format("%04d", i) for i in [0, 10000): the credit-card groups. */
const FOUR_DIGITS: readonly string[] = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, "0"));

export function nextPerson(config: ResolvedConfig, eventId: number, random: JavaRandom, timestamp: number): Person {
  const id = lastBase0PersonId(config, eventId) + FIRST_PERSON_ID;
  // The draw order below is the reference's: first name, last name, email, card, city, state, extra.
  const first = random.nextIntBelow(FIRST_NAMES.length);
  const name = FULL_NAMES[first * LAST_NAMES.length + random.nextIntBelow(LAST_NAMES.length)]!;
  const emailAddress = nextString(random, 7) + "@" + nextString(random, 5) + ".com";
  const creditCard =
    FOUR_DIGITS[random.nextIntBelow(10000)]! + " " +
    FOUR_DIGITS[random.nextIntBelow(10000)]! + " " +
    FOUR_DIGITS[random.nextIntBelow(10000)]! + " " +
    FOUR_DIGITS[random.nextIntBelow(10000)]!;
  const city = US_CITIES[random.nextIntBelow(US_CITIES.length)]!;
  const state = US_STATES[random.nextIntBelow(US_STATES.length)]!;
  const currentSize = 8 + name.length + emailAddress.length + creditCard.length + city.length + state.length;
  const extra = nextExtra(random, config.exactExtra, currentSize, config.avgPersonByteSize);
  return { id, name, emailAddress, creditCard, city, state, dateTime: timestamp, extra };
}
