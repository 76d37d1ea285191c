// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "io/resultwriter.h"
#include "io/runfile.h"

#include "fakerun.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

// Files are written atomically: complete, or not at all with the old file untouched. A
// write that fails half-way is injected for real with RLIMIT_FSIZE (the kernel refuses
// writes past the limit with EFBIG, as a full disk refuses them with ENOSPC);
// bench/faults.sh does the same on a full tmpfs where mounting one is allowed.
class TestResultWriter : public QObject
{
    Q_OBJECT

    // Limits this process's file size while alive; SIGXFSZ is ignored so the write fails
    // with EFBIG instead of killing the test.
    class FileSizeLimit
    {
    public:
        explicit FileSizeLimit(rlim_t bytes)
        {
            getrlimit(RLIMIT_FSIZE, &m_saved);
            m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
            rlimit limit = m_saved;
            limit.rlim_cur = bytes;
            m_ok = setrlimit(RLIMIT_FSIZE, &limit) == 0;
        }
        ~FileSizeLimit()
        {
            setrlimit(RLIMIT_FSIZE, &m_saved);
            std::signal(SIGXFSZ, m_oldHandler);
        }
        bool ok() const { return m_ok; }

    private:
        rlimit m_saved {};
        void (*m_oldHandler)(int) = nullptr;
        bool m_ok = false;
    };

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.json"));
        QString error;
        QVERIFY2(ResultWriter::writeFile(path, "first", &error), qPrintable(error));
        QVERIFY2(ResultWriter::writeFile(path, "second", &error), qPrintable(error));
        QCOMPARE(read(path), QByteArray("second"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary left
    }

    void aFailedWriteKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY(ResultWriter::writeFile(path, "the old run", &error));
        const QByteArray big(512 * 1024, 'x');
        {
            FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            QVERIFY(!ResultWriter::writeFile(path, big, &error));
        }
        QCOMPARE(read(path), QByteArray("the old run"));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("File too large")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { QStringLiteral("run.json") });
    }

    // The app's Save goes the same way.
    void aFailedSaveKeepsTheOldRun()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.json"));
        const RunData small = fakeRun({ QStringLiteral("fanout") }, 10, 2);
        const RunData large = fakeRun({ QStringLiteral("fanout"), QStringLiteral("waitgroup") }, 20000, 4);
        QString error;
        QVERIFY2(RunFile::save(path, small, &error), qPrintable(error));
        const QByteArray before = read(path);
        {
            FileSizeLimit limit(before.size() + 4096);
            QVERIFY(limit.ok());
            QVERIFY(!RunFile::save(path, large, &error));
        }
        QCOMPARE(read(path), before);
        RunData back;
        QVERIFY2(RunFile::load(path, &back, &error), qPrintable(error));
        QCOMPARE(back.results.size(), 1);
    }

    void aMissingFolderSaysSo()
    {
        QString error;
        QVERIFY(!ResultWriter::writeFile(QStringLiteral("/nonexistent-folder/x.json"), "x", &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-folder/x.json")));
    }
};

QTEST_GUILESS_MAIN(TestResultWriter)
#include "tst_resultwriter.moc"
