import { describe, expect, it } from 'vitest';
import { BUILT_IN_QUESTIONNAIRES } from '../../db/reference-data/questionnaire-types.ts';
import { allowedQuestionnaireSteps, questionnaireRefusalOf } from '../../domain/questionnaire-transitions.ts';
import { QUESTIONNAIRE_STATUSES } from '../../domain/questionnaire-statuses.ts';
import { firstIncompletePage, pickPageAnswers, validatePage } from '../../domain/questionnaires.ts';

const health = BUILT_IN_QUESTIONNAIRES.find((q) => q.key === 'health-assessment')!;
const general = health.pages.find((p) => p.key === 'general-health')!;

describe('questionnaire definitions', () => {
  it('offers the four built-in types, every required question with its own error message', () => {
    expect(BUILT_IN_QUESTIONNAIRES.map((q) => q.key)).toEqual([
      'health-assessment',
      'night-worker',
      'display-screen-equipment',
      'driving',
    ]);
    for (const q of BUILT_IN_QUESTIONNAIRES)
      for (const page of q.pages)
        for (const question of page.questions) if (question.required) expect(question.errorMessage).toBeTruthy();
  });

  describe('"if yes, give details"', () => {
    it('asks for details only after a yes', () => {
      const base = { takesMedication: 'No', recentAbsence: 'No' };
      expect(validatePage(general, { ...base, ongoingCondition: 'No' })).toEqual({});
      expect(validatePage(general, { ...base, ongoingCondition: 'Yes' })).toEqual({
        ongoingConditionDetails: 'Give details of your health condition or disability',
      });
    });

    it('drops details when the yes becomes a no, and unknown answers always', () => {
      expect(pickPageAnswers(general, { ongoingCondition: 'No', ongoingConditionDetails: 'old', other: 'x' })).toEqual({
        ongoingCondition: 'No',
      });
    });
  });

  it('points to the first page still needing answers', () => {
    expect(firstIncompletePage(health, {})?.key).toBe('about-you');
  });
});

describe('questionnaire transitions', () => {
  it('lets the requester resend only while the employee has it, in one wording', () => {
    expect(questionnaireRefusalOf('resend', 'awaiting_employee')).toBeUndefined();
    expect(questionnaireRefusalOf('resend', 'awaiting_review')).toBe(
      'Only a questionnaire still pending the employee’s completion can be resent.',
    );
  });

  it('gives review steps to clinicians only, and never answers to the requester', () => {
    for (const status of Object.keys(QUESTIONNAIRE_STATUSES) as (keyof typeof QUESTIONNAIRE_STATUSES)[]) {
      const requester = allowedQuestionnaireSteps({ status }, { isClinician: false, isRequesterSide: true });
      expect(requester).toMatchObject({ readAnswers: false, accept: false, refer: false, returnToEmployee: false });
    }
    expect(
      allowedQuestionnaireSteps({ status: 'awaiting_review' }, { isClinician: true, isRequesterSide: false }),
    ).toMatchObject({ readAnswers: true, accept: true, returnToEmployee: true, requireAppointment: true, refer: true });
  });
});
