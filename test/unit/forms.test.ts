import { describe, expect, it } from 'vitest';
import { IHR1, MANAGEMENT_REFERRAL } from '../../db/reference-data/form-types.ts';
import {
  firstIncompleteStep,
  hasAnswers,
  pickFormFields,
  stepStatus,
  validateField,
  validateForm,
  validateStep,
  type FieldDefinition,
} from '../../domain/forms.ts';
import { idRangeOfReference, referenceOf } from '../../domain/ids.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';

const text: FieldDefinition = { name: 'x', label: 'Reason', type: 'text', required: true };

describe('form validation', () => {
  describe('validateField', () => {
    it('asks for a required answer that is missing or blank', () => {
      expect(validateField(text, undefined)).toBe('Enter reason');
      expect(validateField(text, '   ')).toBe('Enter reason');
    });

    it('says what each required question of the built-in forms needs in its own words, not built from the label', () => {
      for (const form of [MANAGEMENT_REFERRAL, IHR1]) {
        for (const field of form.steps.flatMap((s) => s.fields).filter((f) => f.required)) {
          expect(field.errorMessage, `${form.key}.${field.name}`).toMatch(/^(Enter|Select|Confirm) /);
          expect(validateField(field, '')).toBe(field.errorMessage);
        }
      }
      const absent = MANAGEMENT_REFERRAL.steps.flatMap((s) => s.fields).find((f) => f.name === 'currentlyAbsent')!;
      expect(validateField(absent, undefined)).toBe('Select yes if the employee is currently absent from work');
    });

    it('takes a ticked confirmation as Yes and nothing else', () => {
      const confirm: FieldDefinition = {
        name: 'ok',
        label: 'I confirm it',
        type: 'confirm',
        required: true,
        errorMessage: 'Confirm it',
      };
      expect(validateField(confirm, 'Yes')).toBeUndefined();
      expect(validateField(confirm, '')).toBe('Confirm it');
      expect(validateField(confirm, 'No')).toBe('Confirm it');
    });

    it('refuses an answer without a single letter or digit', () => {
      expect(validateField(text, '---')).toBe('Reason must contain at least 1 letter or number');
      expect(validateField({ ...text, required: false }, '...')).toBe(
        'Reason must contain at least 1 letter or number',
      );
    });

    it('accepts letters in any script', () => {
      expect(validateField(text, 'Zoë Ødegård')).toBeUndefined();
    });

    it('checks dates, emails, options and length', () => {
      expect(validateField({ ...text, type: 'date' }, '2024-02-30x')).toMatch(/real date/);
      expect(validateField({ ...text, type: 'date' }, '1980-04-01')).toBeUndefined();
      expect(validateField({ ...text, type: 'email' }, 'not-an-email')).toMatch(/email address/);
      expect(validateField({ ...text, type: 'yesno', options: ['Yes', 'No'] }, 'Maybe')).toMatch(/from the list/);
      expect(validateField({ ...text, maxLength: 3 }, 'abcd')).toMatch(/3 characters or fewer/);
    });

    it('leaves an empty optional field alone', () => {
      expect(validateField({ ...text, required: false }, '')).toBeUndefined();
    });
  });

  it('validates one step by its own fields only', () => {
    const step = MANAGEMENT_REFERRAL.steps[1]!;
    const errors = validateStep(step, { employeeFirstName: 'Eddie' });
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['employeeSurname', 'employeeDateOfBirth']));
    expect(errors).not.toHaveProperty('employeeFirstName');
    expect(errors).not.toHaveProperty('reasonForReferral');
  });

  it('validates a whole form across its steps', () => {
    expect(Object.keys(validateForm(MANAGEMENT_REFERRAL, {}))).toEqual(
      expect.arrayContaining(['referrerName', 'reasonForReferral', 'declarationAccurate']),
    );
  });

  it('keeps only the fields the definition knows, and only strings', () => {
    expect(
      pickFormFields(MANAGEMENT_REFERRAL, { employeeSurname: 'Employee', injected: 'x', employeeFirstName: 42 }),
    ).toEqual({ employeeSurname: 'Employee' });
  });
});

describe('where a referral stands', () => {
  const step = (key: string, form = MANAGEMENT_REFERRAL) => form.steps.find((s) => s.key === key)!;

  it('has answers only once a question holds more than blanks', () => {
    expect(hasAnswers({})).toBe(false);
    expect(hasAnswers({ employeeSurname: '  ', reasonForReferral: '' })).toBe(false);
    expect(hasAnswers({ employeeSurname: 'Employee' })).toBe(true);
  });

  it('marks a step of questions not started, incomplete or completed', () => {
    expect(stepStatus(step('employee'), {})).toBe('not-started');
    expect(stepStatus(step('employee'), { employeeTitle: 'Mr' })).toBe('incomplete');
    expect(stepStatus(step('employee'), completeManagementReferral({ employeeEmail: 'not an email' }))).toBe(
      'incomplete',
    );
    expect(stepStatus(step('employee'), completeManagementReferral())).toBe('completed');
    expect(stepStatus(step('declaration'), { declarationDiscussed: 'Yes' })).toBe('incomplete');
  });

  it('marks the documents step by its files: completed once every slot (or, without slots, the step) has one', () => {
    expect(stepStatus(step('documents'), {})).toBe('not-started');
    expect(stepStatus(step('documents'), {}, [null])).toBe('completed');
    const slots = step('documents', IHR1);
    expect(stepStatus(slots, {}, [])).toBe('not-started');
    expect(stepStatus(slots, {}, ['application', 'clinical-records'])).toBe('incomplete');
    expect(
      stepStatus(
        slots,
        {},
        slots.documentSlots!.map((s) => s.key),
      ),
    ).toBe('completed');
  });

  it('finds the first step with a required question unanswered, and none once all are answered', () => {
    expect(firstIncompleteStep(MANAGEMENT_REFERRAL, {})?.key).toBe('referrer');
    const upToReason = completeManagementReferral({ reasonForReferral: '', questionsForProvider: '' });
    expect(firstIncompleteStep(MANAGEMENT_REFERRAL, upToReason)?.key).toBe('reason');
    // Documents are never required, so a form without any is complete.
    expect(firstIncompleteStep(MANAGEMENT_REFERRAL, completeManagementReferral())).toBeUndefined();
  });
});

describe('references', () => {
  const id = 'ff4c13bd-0a1b-4c2d-8e3f-001122334455';

  it('are the first 8 hex digits of the id, upper-cased', () => {
    expect(referenceOf(id)).toBe('FF4C13BD');
  });

  it('stand for the range of ids that start with them, in either case', () => {
    const [low, high] = idRangeOfReference(' ff4C13bd ')!;
    expect([low, high]).toEqual(['ff4c13bd-0000-0000-0000-000000000000', 'ff4c13bd-ffff-ffff-ffff-ffffffffffff']);
    expect(low <= id && id <= high).toBe(true);
  });

  it('are 8 hex digits and nothing else', () => {
    for (const text of ['FF4C13B', 'FF4C13BDA', 'GG4C13BD', 'Employee', '', 'ff4c13bd-0a1b']) {
      expect(idRangeOfReference(text), text).toBeUndefined();
    }
  });
});

describe('built-in forms', () => {
  it.each([MANAGEMENT_REFERRAL, IHR1])('$name has the six tabs of the spec in order', (form) => {
    expect(form.steps.map((s) => s.title.slice(0, 2))).toEqual(['01', '02', '03', '04', '05', '06']);
  });

  it('gives IHR1 its five ordered document slots', () => {
    const docs = IHR1.steps.find((s) => s.key === 'documents')!;
    expect(docs.documentSlots!.map((d) => d.label)).toEqual([
      'Application form',
      'Reports to management',
      'Clinical records',
      'Specialist reports',
      "Member's own medical reports",
    ]);
  });

  it('uses each field name once per form', () => {
    for (const form of [MANAGEMENT_REFERRAL, IHR1]) {
      const names = form.steps.flatMap((s) => s.fields.map((f) => f.name));
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
