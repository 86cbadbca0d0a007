"""Security questions (Alaska's "Account Security" step): a fixed catalogue; answers are
compared without regard to case, surrounding or repeated spaces."""
from __future__ import annotations

QUESTIONS = {
    "first_pet": "What was the name of your first pet?",
    "birth_city": "In what city were you born?",
    "mother_maiden": "What is your mother's maiden name?",
    "first_school": "What was the name of your first school?",
    "childhood_friend": "What is the first name of your childhood best friend?",
    "first_car": "What was the make of your first car?",
    "favorite_teacher": "What was the last name of your favorite teacher?",
    "street_grew_up": "What street did you grow up on?",
}

QUESTIONS_ES = {
    "first_pet": "¿Cómo se llamaba su primera mascota?",
    "birth_city": "¿En qué ciudad nació?",
    "mother_maiden": "¿Cuál es el apellido de soltera de su madre?",
    "first_school": "¿Cómo se llamaba su primera escuela?",
    "childhood_friend": "¿Cuál es el nombre de su mejor amigo de la infancia?",
    "first_car": "¿De qué marca era su primer auto?",
    "favorite_teacher": "¿Cuál era el apellido de su maestro favorito?",
    "street_grew_up": "¿En qué calle creció?",
}

MIN_QUESTIONS, MAX_QUESTIONS = 2, 3  # at least two, so one guessed answer is not enough
MIN_ANSWER = 4  # characters, spaces aside: 'no' or 'ok' is guessed at once


def normalize_answer(answer: str) -> str:
    return " ".join(answer.split()).casefold()


def question_text(question_id: str, language: str = "en") -> str:
    return (QUESTIONS_ES if language == "es" else QUESTIONS)[question_id]
