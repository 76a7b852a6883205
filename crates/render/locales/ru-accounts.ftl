# Учётные записи читателей (/account/…) и их письма, по-русски.
# Формы множественного числа по CLDR: one (1, 21), few (2–4, 22–24), many (0, 5–20).

## Заголовки страниц
account-register-title = Регистрация
account-login-title = Вход
account-sign-in-title = Вход по электронной почте
account-code-title = Введите код для входа
account-verify-title = Подтвердите адрес
account-forgot-title = Забыли пароль?
account-reset-title = Новый пароль
account-profile-title = Ваша учётная запись
account-delete-title = Удаление учётной записи
account-sent-title = Проверьте почту
account-email-confirm-title = Подтвердите новый адрес

## Формы
account-email = Адрес электронной почты
account-display-name = Имя на сайте
account-display-name-hint = Его видно рядом с вашими комментариями.
account-password = Пароль
account-password-optional = Пароль (необязательно)
account-password-hint = { $count ->
    [one] Не короче { $count } символа. Без пароля вы входите по ссылке или коду из письма.
    [few] Не короче { $count } символов. Без пароля вы входите по ссылке или коду из письма.
    [many] Не короче { $count } символов. Без пароля вы входите по ссылке или коду из письма.
   *[other] Не короче { $count } символа. Без пароля вы входите по ссылке или коду из письма.
}
account-new-password = Новый пароль
account-current-password = Текущий пароль
account-register-intro = С учётной записью можно комментировать материалы и участвовать в чатах. Мы пришлём ссылку, чтобы подтвердить адрес.
account-register-submit = Зарегистрироваться
account-have-account = Уже есть учётная запись? Войдите
account-login-submit = Войти
account-sign-in-by-mail = Войти без пароля, по электронной почте
account-forgot-link = Забыли пароль?
account-register-link = Ещё нет учётной записи? Зарегистрируйтесь
account-sign-in-intro = Мы пришлём письмо со ссылкой и шестизначным кодом. Войти можно по любому из них.
account-sign-in-submit = Прислать ссылку
account-have-code = У меня уже есть код
account-login-with-password = Войти с паролем
account-code-sent = Если адрес { $email } принадлежит учётной записи, мы только что отправили на него ссылку и код. Перейдите по ссылке или введите код здесь.
account-code = Шестизначный код
account-code-submit = Войти
account-code-again = Прислать новый код
account-verify-text = Нажмите кнопку, чтобы подтвердить адрес и войти.
account-verify-button = Подтвердить адрес
account-link-text = Нажмите кнопку, чтобы войти на этом устройстве.
account-link-button = Войти
account-email-confirm-text = Нажмите кнопку, чтобы перенести учётную запись на этот адрес.
account-email-confirm-button = Использовать этот адрес
account-forgot-intro = Укажите адрес, и мы пришлём ссылку для выбора нового пароля.
account-forgot-submit = Прислать ссылку
account-reset-submit = Сохранить пароль и войти
account-sent-register = Мы отправили письмо на адрес { $email }. Перейдите по ссылке из него, чтобы закончить.
account-sent-reset = Если адрес { $email } принадлежит учётной записи, мы отправили на него ссылку для выбора нового пароля.
account-sent-hint = Письмо не пришло? Загляните в папку «Спам» или подождите несколько минут и попробуйте снова.
account-back = Назад
account-cancel = Отмена

## Профиль
account-signed-in-as = Вы вошли как { $email }
account-verified = подтверждён
account-unverified = не подтверждён
account-unverified-hint = Прежде чем комментировать, подтвердите адрес по ссылке из нашего письма. Письмо потерялось? Войдите по электронной почте — это тоже подтверждает адрес.
account-status-suspended = Ваша учётная запись временно заблокирована: пока нельзя комментировать и писать в чатах.
account-status-suspended-until = Ваша учётная запись заблокирована до { $until }: до этого времени нельзя комментировать и писать в чатах.
account-status-banned = Ваша учётная запись заблокирована: комментировать и писать в чатах больше нельзя.
account-profile-heading = Профиль
account-language = Язык наших писем
language-name = Русский
account-save = Сохранить
account-password-heading = Пароль
account-no-password = У вашей учётной записи пока нет пароля: вы входите по электронной почте. Здесь его можно задать.
account-password-submit = Сменить пароль
account-email-heading = Адрес электронной почты
account-new-email = Новый адрес
account-new-email-hint = Мы пришлём ссылку на новый адрес; адрес сменится, когда вы по ней перейдёте.
account-email-submit = Сменить адрес
account-sessions-heading = Устройства
account-sessions-count = { $count ->
    [one] Вы вошли на { $count } устройстве.
    [few] Вы вошли на { $count } устройствах.
    [many] Вы вошли на { $count } устройствах.
   *[other] Вы вошли на { $count } устройства.
}
account-logout = Выйти
account-logout-everywhere = Выйти на всех устройствах
account-resend-verification = Отправить ссылку ещё раз
account-device-current = это устройство
account-device-seen = последний вход { $when }
account-device-from = адрес { $ip }
account-device-end = Выйти на этом устройстве
account-notice-device = На том устройстве выполнен выход.
account-notice-verification = Мы отправили новую ссылку для подтверждения. Перейдите по ней, чтобы подтвердить адрес.
account-data-heading = Ваши данные
account-export = Скачать мои данные (JSON)
account-delete-link = Удалить учётную запись
account-delete-intro = Учётная запись будет удалена, а вы выйдете на всех устройствах. Отменить это нельзя.
account-delete-type-email = Для подтверждения введите свой адрес электронной почты
account-delete-submit = Удалить учётную запись навсегда

## Уведомления и итоги
account-notice-saved = Профиль сохранён.
account-notice-password = Пароль изменён. На других устройствах выполнен выход.
account-notice-email-sent = Мы отправили ссылку на новый адрес. Адрес сменится, когда вы по ней перейдёте.
account-link-invalid-title = Ссылка больше не действует
account-link-invalid-text = Ею уже воспользовались, или её срок истёк. Запросите новую.
account-email-taken-title = Этот адрес занят
account-email-taken-text = Этот адрес уже использует другая учётная запись.
account-email-changed-title = Адрес изменён
account-email-changed-text = Теперь ваша учётная запись использует новый адрес.
account-deleted-title = Учётная запись удалена
account-deleted-text = Всё, что мы хранили о вашей учётной записи, удалено. Спасибо, что читали нас.

## Ошибки
account-error-form-expired = Срок действия формы истёк. Отправьте её ещё раз.
account-error-email = Введите правильный адрес электронной почты.
account-error-name = Имя на сайте должно содержать от 1 до 60 символов.
account-error-password-short = Этот пароль слишком короткий.
account-error-too-many = { $minutes ->
    [one] Слишком много запросов. Попробуйте снова через { $minutes } минуту.
    [few] Слишком много запросов. Попробуйте снова через { $minutes } минуты.
    [many] Слишком много запросов. Попробуйте снова через { $minutes } минут.
   *[other] Слишком много запросов. Попробуйте снова через { $minutes } минуты.
}
account-error-locked = { $minutes ->
    [one] Слишком много неудачных попыток. Попробуйте снова через { $minutes } минуту.
    [few] Слишком много неудачных попыток. Попробуйте снова через { $minutes } минуты.
    [many] Слишком много неудачных попыток. Попробуйте снова через { $minutes } минут.
   *[other] Слишком много неудачных попыток. Попробуйте снова через { $minutes } минуты.
}
account-error-mail = Не удалось отправить письмо. Попробуйте ещё раз чуть позже.
account-error-busy = Сайт сейчас перегружен. Отправьте форму ещё раз чуть позже.
account-error-credentials = Неверный адрес электронной почты или пароль.
account-error-code = Код неверен или больше не действует. После пяти неверных попыток код перестаёт работать — запросите новый.
account-error-current-password = Неверный пароль.
account-error-confirm-email = Это не адрес вашей учётной записи.

## Письма
mail-greeting = Здравствуйте, { $name }!
mail-footer = Вы получили это письмо, потому что кто-то указал этот адрес на нашем сайте.
mail-not-you = Если это были не вы, просто не обращайте внимания на письмо: ничего не произойдёт.
mail-verify-subject = Подтвердите адрес
mail-verify-text = Спасибо за регистрацию. Перейдите по ссылке, чтобы подтвердить адрес электронной почты:
mail-verify-button = Подтвердить адрес
mail-verify-expiry = { $count ->
    [one] Ссылка действует { $count } день.
    [few] Ссылка действует { $count } дня.
    [many] Ссылка действует { $count } дней.
   *[other] Ссылка действует { $count } дня.
}
mail-already_registered-subject = У вас уже есть учётная запись
mail-already_registered-text = Кто-то попытался зарегистрироваться с этим адресом, но у вас уже есть учётная запись.
mail-already_registered-login = Войти с паролем:
mail-already_registered-sign-in = Войти по электронной почте, без пароля:
mail-already_registered-forgot = Выбрать новый пароль:
mail-sign_in-subject = Ваш код для входа: { $code }
mail-sign_in-link-text = Перейдите по ссылке, чтобы войти:
mail-sign_in-button = Войти
mail-sign_in-code-text = Или введите этот код на странице входа:
mail-sign_in-expiry = { $count ->
    [one] Ссылка и код действуют { $count } минуту, один раз.
    [few] Ссылка и код действуют { $count } минуты, один раз.
    [many] Ссылка и код действуют { $count } минут, один раз.
   *[other] Ссылка и код действуют { $count } минуты, один раз.
}
mail-reset_password-subject = Выберите новый пароль
mail-reset_password-text = Перейдите по ссылке, чтобы выбрать новый пароль:
mail-reset_password-button = Выбрать новый пароль
mail-reset_password-expiry = { $count ->
    [one] Ссылка действует { $count } минуту, один раз.
    [few] Ссылка действует { $count } минуты, один раз.
    [many] Ссылка действует { $count } минут, один раз.
   *[other] Ссылка действует { $count } минуты, один раз.
}
mail-change_email-subject = Подтвердите новый адрес
mail-change_email-text = Перейдите по ссылке, чтобы перенести учётную запись на адрес { $new_email }:
mail-change_email-button = Использовать этот адрес
mail-change_email-expiry = { $count ->
    [one] Ссылка действует { $count } час.
    [few] Ссылка действует { $count } часа.
    [many] Ссылка действует { $count } часов.
   *[other] Ссылка действует { $count } часа.
}
mail-email_changed-subject = Адрес вашей учётной записи изменён
mail-email_changed-text = Теперь ваша учётная запись использует адрес { $new_email } вместо этого.
mail-email_changed-not-you = Если это сделали не вы, сразу напишите нам.

# Ссылки учётной записи в шапке и меню вошедшего читателя.
masthead-login = Войти
masthead-profile = Ваш профиль
masthead-subscriptions = Рассылки и оповещения
masthead-logout = Выйти

# Сообщение на странице, куда читатель возвращается после действия с учётной записью.
notice-signed-in = Вы вошли.
notice-verified = Адрес подтверждён, вы вошли. Добро пожаловать!
notice-password-reset = Новый пароль сохранён, вы вошли.
notice-signed-out = Вы вышли из учётной записи.
notice-dismiss = Закрыть
