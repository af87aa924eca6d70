// The explicit rule registry. A Record over RuleCode, so a code without a rule (or the reverse) does not compile.
import AZS101 from './AZS101';
import AZS102 from './AZS102';
import AZS103 from './AZS103';
import AZS104 from './AZS104';
import AZS105 from './AZS105';
import AZS106 from './AZS106';
import AZS107 from './AZS107';
import AZS201 from './AZS201';
import AZS202 from './AZS202';
import AZS301 from './AZS301';
import AZS302 from './AZS302';
import AZS303 from './AZS303';
import AZS401 from './AZS401';
import AZS402 from './AZS402';
import AZS501 from './AZS501';
import AZS601 from './AZS601';
import AZS602 from './AZS602';
import AZS603 from './AZS603';
import AZS604 from './AZS604';
import AZS701 from './AZS701';
import { ruleCodes, type Rule, type RuleCode } from './rule';

export const rules: Record<RuleCode, Rule> = {
  AZS101, AZS102, AZS103, AZS104, AZS105, AZS106, AZS107, AZS201, AZS202, AZS301, AZS302, AZS303, AZS401, AZS402, AZS501, AZS601, AZS602, AZS603, AZS604, AZS701,
};

/** Every rule, in code order. */
export const allRules: readonly Rule[] = ruleCodes.map((code) => rules[code]);

export function isRuleCode(value: string): value is RuleCode {
  return (ruleCodes as readonly string[]).includes(value);
}
